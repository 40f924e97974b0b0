import { ProviderCatalog, type ProviderDescriptor, type ProviderId } from '@platform/contracts'
import defaultCatalogJson from './default-catalog.json' with { type: 'json' }

/** Validates a catalog document (the operators' JSON file) and indexes it by provider. */
export function parseProviderCatalog (document: unknown): ProviderCatalog {
  return ProviderCatalog.parse(document)
}

/** The catalog shipped with the router; operators override it with their own file. */
export const defaultProviderCatalog: ProviderCatalog = parseProviderCatalog(defaultCatalogJson)

export function providerById (catalog: ProviderCatalog, id: ProviderId): ProviderDescriptor | undefined {
  return catalog.providers.find((p) => p.id === id)
}

/** `"*"` in a provider's language list means any language its containers can run. */
export function supportsLanguage (provider: ProviderDescriptor, language: string): boolean {
  return provider.languages.includes('*') || provider.languages.includes(language.toLowerCase())
}
