/** Browsers cap an element's height near 33.5M px; taller logs scroll proportionally. */
export const MAX_SCROLL_PX = 15_000_000;
/** Rows rendered beyond the screen, so a small scroll shows no gap before the next render. */
const OVERSCAN = 10;
/** While following, nothing lies below the bottom and little is scrolled to above it. */
const FOLLOW_OVERSCAN = 2;

/** What the virtualized view knows about itself. */
export interface ViewGeometry {
  count: number;
  rowHeight: number;
  viewHeight: number;
}

/** The spacer's height: every line at the row height, or the browsers' limit for longer logs. */
export function spacerHeight({count, rowHeight}: ViewGeometry) {
  return Math.min(MAX_SCROLL_PX, count * rowHeight);
}

/** Whether the log is taller than browsers allow, so the scroll position maps to a line proportionally. */
function scaled({count, rowHeight}: ViewGeometry) {
  return count * rowHeight > MAX_SCROLL_PX;
}

function pageRows({rowHeight, viewHeight}: ViewGeometry) {
  return Math.max(1, Math.floor(viewHeight / rowHeight));
}

/** The scroll offset at the bottom, where a following view stays. */
export function bottomOffset(g: ViewGeometry) {
  return Math.max(0, spacerHeight(g) - g.viewHeight);
}

/** The scroll offset that shows line `index` at the top. */
export function offsetOf(g: ViewGeometry, index: number) {
  if (!scaled(g)) return index * g.rowHeight;
  return (index / Math.max(1, g.count - pageRows(g))) * (MAX_SCROLL_PX - g.viewHeight);
}

/** The rows to render (`first` to before `last`) and the offset of the first, for a scroll offset. */
export function visibleRows(g: ViewGeometry, viewTop: number, following: boolean) {
  const {count, rowHeight: h, viewHeight} = g;
  if (!scaled(g)) {
    const overscan = following ? FOLLOW_OVERSCAN : OVERSCAN;
    const first = Math.max(0, Math.floor(viewTop / h) - overscan);
    return {first, last: Math.min(count, Math.ceil((viewTop + viewHeight) / h) + overscan), top: first * h};
  }
  // Past the browsers' height limit the scroll fraction picks the line; rows sit at the scroll position.
  const page = pageRows(g);
  const fraction = Math.min(1, viewTop / Math.max(1, MAX_SCROLL_PX - viewHeight));
  const visible = Math.round(fraction * Math.max(0, count - page));
  const first = Math.max(0, visible - OVERSCAN);
  return {first, last: Math.min(count, visible + page + OVERSCAN), top: Math.max(0, viewTop - (visible - first) * h)};
}
