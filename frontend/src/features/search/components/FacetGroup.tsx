import { startTransition, useOptimistic } from 'react';
import { Checkbox, Fieldset } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format';
import type { Filter } from '../params';

export type FacetOption = { value: string; label: string; count: number };

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
  // The address changes in a transition; until it has, the tick shows at once
  // rather than vanishing and coming back.
  const [ticked, setTicked] = useOptimistic(selected);
  if (options.length === 0) return null;

  function toggle(value: string, on: boolean) {
    startTransition(() => {
      setTicked(on ? [...ticked, value] : ticked.filter((v) => v !== value));
      onToggle(value, on);
    });
  }

  return (
    <Fieldset data-size="sm" className="search-filters__group">
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((o) => (
        <Checkbox
          key={o.value}
          id={`search-filter-${name}-${o.value}`}
          value={o.value}
          label={t('page.facetCount', { label: o.label, formatted: formatNumber(o.count) })}
          checked={ticked.includes(o.value)}
          onChange={(e) => toggle(o.value, e.target.checked)}
        />
      ))}
    </Fieldset>
  );
}
