import { useCallback, useState } from 'react';
import type { ClientCommand } from '../../../shared/protocol/commands';
import type { Ack, AppError } from '../../../shared/protocol/errors';
import { useConnection } from './connectionContext';

export interface CommandRunner {
  run: (command: ClientCommand) => Promise<Ack<{ version: number }>>;
  pending: boolean;
  error: AppError | null;
  clearError: () => void;
}

/** Sends room commands for one control, remembering whether one is on its way and the last error. */
export function useCommand(): CommandRunner {
  const conn = useConnection();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(
    async (command: ClientCommand) => {
      setPending(true);
      setError(null);
      const res = await conn.send(command);
      setPending(false);
      if (!res.ok) setError(res.error);
      return res;
    },
    [conn],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
