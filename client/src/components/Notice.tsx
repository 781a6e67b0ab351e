import type { ReactNode } from 'react';

type Tone = 'info' | 'calm' | 'warning' | 'success';

/** A boxed message. `live` makes it a polite status region. */
export function Notice({
  tone = 'info',
  title,
  children,
  live,
  testId,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  live?: boolean;
  testId?: string;
}) {
  return (
    <div
      className={`notice notice--${tone}`}
      role={live ? 'status' : undefined}
      data-testid={testId}
    >
      {title ? <p className="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}
