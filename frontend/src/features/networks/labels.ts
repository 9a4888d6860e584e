import type { TFunction } from 'i18next';
import { isJobField, isOrgKind, isRole, isTopic, isVisibility } from '../../lib/api-types';

// The API sends some enums as plain strings; these turn them into words, and
// show an unknown value as it is rather than fail.

export const topicLabel = (t: TFunction, key: string) => (isTopic(key) ? t(`topics.${key}`) : key);
export const roleLabel = (t: TFunction, role: string) => (isRole(role) ? t(`role.${role}`) : role);
export const roleLower = (t: TFunction, role: string) => (isRole(role) ? t(`roleLower.${role}`) : role);
export const visibilityLabel = (t: TFunction, v: string) => (isVisibility(v) ? t(`visibility.${v}`) : v);
export const jobFieldLabel = (t: TFunction, f: string) => (isJobField(f) ? t(`jobField.${f}`) : f);
export const orgKindLabel = (t: TFunction, k: string) => (isOrgKind(k) ? t(`orgKind.${k}`) : k);

/** "Hele landet", or the counties' names. */
export function regionText(
  t: TFunction,
  network: { national: boolean; counties: string[] },
  countyName: (n: string) => string,
): string {
  if (network.national) return t('region.national');
  return network.counties
    .map(countyName)
    .sort((a, b) => a.localeCompare(b, 'nb'))
    .join(', ');
}
