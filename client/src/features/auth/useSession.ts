import type { FacilitatorDto, SessionDto } from '../../../../shared/protocol/http';
import { useApi } from '../../lib/useApi';

/** The signed-in facilitator (`data`), undefined while loading or when nobody is signed in. */
export interface SessionState {
  data: FacilitatorDto | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Who is signed in, asked of `/api/auth/session`, which answers 200 when nobody is: the sign-in
 * page then loads without a failed request (a 401 from `/api/auth/me` is logged by the browser as
 * a console error on every visit).
 */
export function useSession(): SessionState {
  const s = useApi<SessionDto>('/api/auth/session');
  return { data: s.data?.facilitator ?? undefined, loading: s.loading, reload: s.reload };
}
