import { useEffect, useState } from 'react';
import { Fieldset, Radio, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../lib/api-types';
import { orgKindLabel } from '../networks/labels';
import { useOrgSearch } from './api';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

type Props = {
  /** Id of the search field (for the error summary's link). */
  id: string;
  value: Org | null;
  onChange: (org: Org) => void;
  error?: string;
};

/**
 * Find your organisation by typing the start of its name, then choose it among
 * the matches (radio buttons: Tab into the list, arrow keys to move).
 */
export function OrgPicker({ id, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 250);
  const search = useOrgSearch(debounced);
  const found = debounced.trim() ? (search.data?.items ?? []) : [];
  // The chosen organisation stays on the list while the user searches on.
  const options = value && !found.some((o) => o.id === value.id) ? [value, ...found] : found;

  const describe = (o: Org) =>
    o.countyName && o.kind !== 'county'
      ? t('orgPicker.kindIn', { kind: orgKindLabel(t, o.kind), county: o.countyName })
      : orgKindLabel(t, o.kind);

  let status = '';
  if (!debounced.trim()) status = value ? '' : t('orgPicker.typeToSearch');
  else if (search.isSuccess)
    status = found.length === 0 ? t('orgPicker.noResults', { q: debounced.trim() }) : t('orgPicker.results', { count: found.length });

  return (
    <div className="org-picker">
      <Textfield
        id={id}
        label={t('orgPicker.label')}
        description={t('orgPicker.description')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="organization"
        error={error}
      />
      <p role="status" className="org-picker__status">
        {status}
      </p>
      {options.length > 0 && (
        <Fieldset>
          <Fieldset.Legend>{t('orgPicker.choose')}</Fieldset.Legend>
          {options.map((o) => (
            <Radio
              key={o.id}
              name={`${id}-choice`}
              value={o.id}
              label={o.name}
              description={describe(o)}
              checked={value?.id === o.id}
              onChange={() => onChange(o)}
            />
          ))}
        </Fieldset>
      )}
    </div>
  );
}
