import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef {
  id: string;
  label: string;
  /** A count shown on the tab (waiting people, requests), so nothing hides behind it. */
  badge?: number;
  /** Words for the badge, read with the tab's name ("2 need you"). */
  badgeLabel?: string;
  /** Calls attention to the badge (a pause request). */
  urgent?: boolean;
  content: ReactNode;
}

/**
 * Which tab a key moves to (WAI-ARIA tabs: arrows wrap, Home and End go to the ends), or null
 * for any other key.
 */
export function tabKeyTarget(key: string, index: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

function readStored(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string | undefined, value: string): void {
  if (!key) return;
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // Private browsing may refuse storage; the tab still changes for this page.
  }
}

/**
 * Tabs by the WAI-ARIA pattern: one tab stop (roving tabindex), arrows move and select, Home/End.
 * Every panel stays mounted (hidden when not selected), so a half-written form survives a look at
 * another tab. The selected tab is remembered for this browser tab (`storageKey`, sessionStorage).
 */
export function Tabs({
  label,
  tabs,
  storageKey,
  testId,
  className,
}: {
  label: string;
  tabs: TabDef[];
  storageKey?: string;
  testId?: string;
  className?: string;
}) {
  const base = useId();
  const [chosen, setChosen] = useState<string | null>(() => readStored(storageKey));
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const selected = tabs.find((t) => t.id === chosen)?.id ?? tabs[0]?.id;
  const select = (id: string) => {
    setChosen(id);
    store(storageKey, id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = tabKeyTarget(e.key, index, tabs.length);
    if (next === null) return;
    e.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    select(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div className={['tabs', className ?? ''].filter(Boolean).join(' ')}>
      <div role="tablist" aria-label={label} className="tabs__list" data-testid={testId}>
        {tabs.map((tab, i) => {
          const on = tab.id === selected;
          const count = tab.badge ?? 0;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                if (el) refs.current.set(tab.id, el);
                else refs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={on}
              aria-controls={`${base}-panel-${tab.id}`}
              tabIndex={on ? 0 : -1}
              className="tabs__tab"
              data-tab={tab.id}
              onClick={() => select(tab.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span>{tab.label}</span>
              {count > 0 ? (
                <span
                  className={tab.urgent ? 'tabs__badge tabs__badge--urgent' : 'tabs__badge'}
                  data-testid={`tab-badge-${tab.id}`}
                >
                  {count}
                  {tab.badgeLabel ? (
                    <span className="visually-hidden"> {tab.badgeLabel}</span>
                  ) : null}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          className="tabs__panel"
          hidden={tab.id !== selected}
          tabIndex={0}
          data-panel={tab.id}
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
