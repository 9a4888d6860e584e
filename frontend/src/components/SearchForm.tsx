import { useState, type FormEvent } from 'react';
import { Field, Label, Search } from '@digdir/designsystemet-react';

type Props = {
  id: string;
  label: string;
  buttonLabel: string;
  clearLabel: string;
  /** The search in force (from the address). */
  value: string;
  onSearch: (q: string) => void;
};

/**
 * A search field that searches on Enter or the button. Give it `key={value}` so
 * it starts over when the search changes from outside (a link, Back).
 */
export function SearchForm({ id, label, buttonLabel, clearLabel, value, onSearch }: Props) {
  const [query, setQuery] = useState(value);
  return (
    <form
      role="search"
      className="filters__search"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSearch(query.trim());
      }}
    >
      <Field>
        <Label htmlFor={id}>{label}</Label>
        <Search>
          <Search.Input id={id} value={query} onChange={(e) => setQuery(e.target.value)} />
          <Search.Clear
            aria-label={clearLabel}
            onClick={() => {
              setQuery('');
              onSearch('');
            }}
          />
          <Search.Button>{buttonLabel}</Search.Button>
        </Search>
      </Field>
    </form>
  );
}
