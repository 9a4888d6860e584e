import { Checkbox, Fieldset } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format';
import { useOrgName } from '../api';
import type { Filter } from '../params';

export type FacetOption = { value: string; label: string; count: number | null };

type Props = {
  name: Filter;
  legend: string;
  options: FacetOption[];
  selected: string[];
  onToggle: (value: string, on: boolean) => void;
};

/** One filter as a group of checkboxes, each with how many results ticking it gives. */
export function FacetGroup({ name, legend, options, selected, onToggle }: Props) {
  const { t } = useTranslation('search');
  if (options.length === 0) return null;
  return (
    <Fieldset data-size="sm" className="search-filters__group">
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((o) => (
        <Checkbox
          key={o.value}
          id={`search-filter-${name}-${o.value}`}
          value={o.value}
          label={
            name === 'org' ? (
              <OrgLabel id={o.value} />
            ) : o.count === null ? (
              o.label
            ) : (
              t('page.facetCount', { label: o.label, formatted: formatNumber(o.count) })
            )
          }
          checked={selected.includes(o.value)}
          onChange={(e) => onToggle(o.value, e.target.checked)}
        />
      ))}
    </Fieldset>
  );
}

/** The API counts no organisations; a chosen one is shown by its name. */
function OrgLabel({ id }: { id: string }) {
  const name = useOrgName(id);
  return <>{name.data ?? id}</>;
}
