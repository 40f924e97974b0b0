/**
 * Languages with their own category; anything else shares the `other` bucket, so a language the
 * models never saw still maps to a trained category instead of an unseen one.
 */
export const knownLanguages = ['python', 'javascript', 'typescript', 'go', 'rust', 'java', 'ruby', 'bash', 'r', 'swift', 'cpp', 'csharp', 'php'] as const
export const otherLanguageIndex = knownLanguages.length

const index = new Map<string, number>(knownLanguages.map((language, i) => [language, i]))

export function languageIndex (language: string): number {
  return index.get(language.toLowerCase()) ?? otherLanguageIndex
}
