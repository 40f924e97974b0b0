import { ProviderCatalog, type ProviderDescriptor, type ProviderId, type UtilityWeights } from '@platform/contracts'
import { defaultWeights } from '../routing/utility.js'
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

/** The utility weights of a request: its own, else its tenant's from the catalog, else the defaults. */
export function weightsFor (catalog: ProviderCatalog, request: { spec: { tenant?: string | undefined }, weights?: UtilityWeights | undefined }): UtilityWeights {
  const tenant = request.spec.tenant
  // Own keys only: a tenant called "constructor" must not read Object.prototype's.
  const own = tenant !== undefined && Object.hasOwn(catalog.tenantWeights, tenant) ? catalog.tenantWeights[tenant] : undefined
  return request.weights ?? own ?? defaultWeights
}

/** `"*"` in a provider's language list means any language its containers can run. */
export function supportsLanguage (provider: ProviderDescriptor, language: string): boolean {
  return provider.languages.includes('*') || provider.languages.includes(language.toLowerCase())
}
