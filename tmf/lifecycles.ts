import type { ApiId } from './apis.ts';
import type { Entity } from './data.ts';
import { conflict } from './errors.ts';

/**
 * The TMF622 product order life cycle: where an order may go from each state. Completed, failed,
 * partial, rejected and cancelled are final: a PATCH cannot reopen a fulfilled order (its products stay
 * active) or move it back to acknowledged.
 */
export const ORDER_TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  acknowledged: ['inProgress', 'pending', 'held', 'rejected', 'assessingCancellation', 'cancelled'],
  pending: ['inProgress', 'held', 'assessingCancellation', 'cancelled'],
  held: ['inProgress', 'pending', 'assessingCancellation', 'cancelled'],
  inProgress: ['pending', 'held', 'completed', 'failed', 'partial', 'assessingCancellation'],
  assessingCancellation: ['pendingCancellation', 'inProgress', 'held', 'pending'],
  pendingCancellation: ['cancelled'],
  completed: [],
  failed: [],
  partial: [],
  rejected: [],
  cancelled: [],
};

/** Refuses (409) a PATCH that moves an order where its life cycle does not go; staying put is fine. */
export function checkOrderTransition(orderId: string, from: unknown, to: unknown): void {
  if (to === undefined || from === to) return;
  const allowed = ORDER_TRANSITIONS[String(from ?? 'acknowledged')] ?? [];
  if (allowed.includes(String(to))) return;
  throw conflict(
    'Illegal state transition',
    `Product order ${orderId} cannot go from ${String(from)} to ${String(to)}; ${allowed.length ? `allowed: ${allowed.join(', ')}` : `${String(from)} is final`}`,
    'ILLEGAL_TRANSITION',
  );
}

/** Life cycles the collection router enforces on PATCH, by `<api>.<resource>` (TMF621 tickets have theirs in their domain). */
const ENFORCED: Readonly<Record<string, (id: string, from: unknown, to: unknown) => void>> = {
  'TMF622.productOrder': checkOrderTransition,
};

/** Refuses (409) a PATCH that breaks the resource's life cycle, if it has one. */
export function checkLifecycle(api: ApiId, resource: string, current: Entity, next: Entity): void {
  ENFORCED[`${api}.${resource}`]?.(current.id, current.state, next.state);
}
