/**
 * A document's raw statuses over time. It advances one step per read
 * (`advance: 'read'`, the default: each status poll moves it on) or one step every
 * `advance` milliseconds since it was created (`Date.now()`, so fake timers move
 * it), and stays on its last status.
 */
export interface TimelineSpec<S extends string = string> {
  statuses: readonly S[];
  advance?: 'read' | number;
}

/** A document's raw status over time, as a {@link TimelineSpec} describes it. */
export class Timeline<S extends string = string> {
  private reads = 0;
  private readonly createdAt: number;

  constructor(
    private readonly spec: TimelineSpec<S>,
    now: number = Date.now(),
  ) {
    if (spec.statuses.length === 0) throw new RangeError('a timeline needs at least one status');
    this.createdAt = now;
  }

  /** The status now, without moving a read-driven timeline on. */
  peek(now: number = Date.now()): S {
    return this.spec.statuses[this.index(now)] as S;
  }

  /** The status now; a read-driven timeline moves on one step after this read. */
  read(now: number = Date.now()): S {
    const status = this.peek(now);
    this.reads++;
    return status;
  }

  /** The status the timeline ends on (and stays on). */
  get final(): S {
    return this.spec.statuses[this.spec.statuses.length - 1] as S;
  }

  /** How far along the timeline is, 0..1. */
  progress(now: number = Date.now()): number {
    const last = this.spec.statuses.length - 1;
    return last === 0 ? 1 : this.index(now) / last;
  }

  private index(now: number): number {
    const last = this.spec.statuses.length - 1;
    const advance = this.spec.advance ?? 'read';
    const step = advance === 'read' ? this.reads : Math.floor(Math.max(0, now - this.createdAt) / advance);
    return Math.min(last, step);
  }
}

/** A fixed status or a timeline, as the simulators' `putDocument` methods accept. */
export type StatusSource<S extends string = string> = S | TimelineSpec<S>;

/** A timeline for a status source; a fixed status is a timeline of one. */
export function toTimeline<S extends string>(source: StatusSource<S>, now: number = Date.now()): Timeline<S> {
  return new Timeline(typeof source === 'string' ? { statuses: [source] } : source, now);
}
