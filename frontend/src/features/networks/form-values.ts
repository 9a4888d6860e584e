import type { NetworkInput, NetworkPatch, NetworkView } from '../../lib/api-types';
import type { NetworkFormValues } from './components/NetworkForm';

export function valuesOf(n: NetworkView): NetworkFormValues {
  return {
    name: n.name,
    slug: n.slug,
    description: n.description,
    topics: [...n.topics],
    national: n.national,
    counties: [...n.counties],
    visibility: n.visibility,
  };
}

export function toInput(v: NetworkFormValues): NetworkInput {
  return {
    name: v.name.trim(),
    slug: v.slug || undefined,
    description: v.description,
    topics: v.topics,
    national: v.national,
    counties: v.national ? [] : v.counties,
    visibility: v.visibility || 'open',
  };
}

/** The same as toInput, less the slug: it never changes, so links keep working. */
export function toPatch(v: NetworkFormValues): NetworkPatch {
  const input = toInput(v);
  return {
    name: input.name,
    description: input.description,
    topics: input.topics,
    national: input.national,
    counties: input.counties,
    visibility: input.visibility,
  };
}
