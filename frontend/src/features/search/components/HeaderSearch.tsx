import '../i18n';
import '../search.css';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Input, Label } from '@digdir/designsystemet-react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MAX_SEARCH_LENGTH, type Suggestion } from '../../../lib/api-types';
import { SUGGEST_MAX, SUGGEST_MIN, useSuggestions } from '../api';
import { SEARCH_PATH, safePath, searchHref } from '../params';

/** How long typing must pause before suggestions are looked up. */
export const SUGGEST_DELAY = 200;

/**
 * The search field in the header: an ARIA 1.2 combobox with a list of
 * suggestions from two characters on. The arrow keys move through the list
 * (the focus stays in the field, aria-activedescendant points at the option),
 * Enter opens the chosen suggestion or, with none chosen, the results page,
 * Escape closes the list (and clears the field when it is already closed).
 */
export function HeaderSearch() {
  const { t } = useTranslation('search');
  const uid = useId();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const inputRef = useRef<HTMLInputElement>(null);

  // On the results page the field shows the search in force.
  const urlQ = pathname === SEARCH_PATH ? (new URLSearchParams(search).get('q') ?? '') : null;
  const [value, setValue] = useState(urlQ ?? '');
  const [shownQ, setShownQ] = useState(urlQ);
  if (urlQ !== shownQ) {
    setShownQ(urlQ);
    if (urlQ !== null) setValue(urlQ);
  }

  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // Suggestions for what was typed, once typing pauses.
  const typed = value.trim();
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(typed), SUGGEST_DELAY);
    return () => clearTimeout(timer);
  }, [typed]);
  const length = [...typed].length;
  const suggest = useSuggestions(debounced);
  const suggestions: Suggestion[] =
    length >= SUGGEST_MIN && length <= SUGGEST_MAX && [...debounced].length >= SUGGEST_MIN ? (suggest.data ?? []) : [];
  const expanded = open && suggestions.length > 0;
  const activeIndex = expanded && active < suggestions.length ? active : -1;

  const listId = `${uid}-list`;
  const optionId = (i: number) => `${uid}-option-${i}`;
  const inputId = `${uid}-input`;

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function go(suggestion: Suggestion) {
    const path = safePath(suggestion.link);
    close();
    if (!path) return;
    setValue('');
    void navigate(path);
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    close();
    if (!typed) {
      inputRef.current?.focus();
      return;
    }
    void navigate(searchHref({ q: typed }));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const n = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        if (n === 0) return;
        event.preventDefault();
        setOpen(true);
        if (event.altKey) return; // Alt+Down opens the list without choosing
        setActive(!expanded || activeIndex >= n - 1 ? 0 : activeIndex + 1);
        return;
      case 'ArrowUp':
        if (n === 0) return;
        event.preventDefault();
        if (event.altKey) {
          close();
          return;
        }
        setOpen(true);
        setActive(!expanded || activeIndex <= 0 ? n - 1 : activeIndex - 1);
        return;
      case 'Enter': {
        const chosen = activeIndex >= 0 ? suggestions[activeIndex] : undefined;
        if (chosen) {
          event.preventDefault();
          go(chosen);
        }
        return; // otherwise the form is submitted
      }
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          close();
        } else if (value) {
          event.preventDefault();
          setValue('');
        }
        return;
      case 'Tab':
        close();
        return;
    }
  }

  return (
    <form role="search" className="header-search" onSubmit={submit} aria-label={t('header.label')}>
      <Label htmlFor={inputId} data-size="sm" className="header-search__label">
        {t('header.label')}
      </Label>
      <div className="header-search__box">
        <Input
          ref={inputRef}
          id={inputId}
          data-size="sm"
          type="text"
          role="combobox"
          enterKeyHint="search"
          autoComplete="off"
          maxLength={MAX_SEARCH_LENGTH}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
          onClick={() => setOpen(true)}
          className="header-search__input"
        />
        <div role="listbox" id={listId} aria-label={t('header.suggestions')} hidden={!expanded} className="search-suggest">
          {expanded &&
            suggestions.map((s, i) => (
              // Options are chosen with the arrow keys from the field
              // (aria-activedescendant); the mouse may click them too.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events
              <div
                key={`${s.link}-${i}`}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === activeIndex}
                className="search-suggest__option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => go(s)}
              >
                <span className="search-suggest__title">{s.title}</span>{' '}
                <span className="search-suggest__type">{t(`types.${s.type}`)}</span>
              </div>
            ))}
        </div>
        <Button type="submit" data-size="sm" variant="secondary" icon className="header-search__submit" aria-label={t('header.submit')}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="m15.5 15.5 5 5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </Button>
      </div>
      <p role="status" className="ds-sr-only">
        {expanded ? t('header.suggestionCount', { count: suggestions.length }) : ''}
      </p>
    </form>
  );
}
