// The link chart's keyboard shortcuts: one table drives both the key handler and the `?` help overlay.

export type ChartAction =
  | 'hide'
  | 'showAll'
  | 'pin'
  | 'group'
  | 'ungroup'
  | 'expand'
  | 'layout'
  | 'circular'
  | 'hierarchical'
  | 'fit'
  | 'search'
  | 'save'
  | 'clear'
  | 'selectAll'
  | 'neighbours'
  | 'paths'
  | 'remove'
  | 'help';

export interface Shortcut {
  action: ChartAction;
  keys: string[];
  /** What the help overlay says. */
  does: string;
}

/** Keys as `KeyboardEvent.key`, with `Ctrl+`/`Shift+` prefixes (Ctrl also matches ⌘ on macOS). */
export const SHORTCUTS: Shortcut[] = [
  { action: 'search', keys: ['/'], does: 'Search for an entity to add' },
  { action: 'expand', keys: ['e'], does: 'Expand the selected entities (all link types)' },
  { action: 'hide', keys: ['h', 'Delete', 'Backspace'], does: 'Hide the selection' },
  { action: 'showAll', keys: ['Shift+H'], does: 'Show everything hidden' },
  { action: 'remove', keys: ['Shift+Delete'], does: 'Remove the selection from the chart' },
  { action: 'pin', keys: ['p'], does: 'Pin or unpin the selection (layouts leave pinned nodes in place)' },
  { action: 'group', keys: ['g'], does: 'Group the selection into one node' },
  { action: 'ungroup', keys: ['u', 'Shift+G'], does: 'Ungroup the selected groups' },
  { action: 'neighbours', keys: ['n'], does: 'Add the neighbours of the selection to the selection' },
  { action: 'paths', keys: ['r'], does: 'Find paths between the two selected entities' },
  { action: 'layout', keys: ['l'], does: 'Force layout (again: stop it)' },
  { action: 'circular', keys: ['c'], does: 'Circular layout' },
  { action: 'hierarchical', keys: ['t'], does: 'Hierarchical layout from the selection' },
  { action: 'fit', keys: ['f'], does: 'Fit the chart to the screen' },
  { action: 'selectAll', keys: ['Ctrl+a'], does: 'Select everything shown' },
  { action: 'save', keys: ['Ctrl+s'], does: 'Save the chart' },
  { action: 'clear', keys: ['Escape'], does: 'Clear the selection, close menus' },
  { action: 'help', keys: ['?'], does: 'Show or hide this list' },
];

/** The key combination of an event in the table's notation. */
export function comboOf(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): string {
  if (e.altKey) return '';
  const ctrl = e.ctrlKey || e.metaKey;
  // Shift is part of printable keys already ('?' is Shift+/); only name it for letters and named keys.
  const key = e.key.length === 1 ? (ctrl ? e.key.toLowerCase() : e.key) : e.key;
  const shift = e.shiftKey && (key.length > 1 || /[A-Z]/.test(key));
  return `${ctrl ? 'Ctrl+' : ''}${shift ? 'Shift+' : ''}${shift && key.length === 1 ? key.toUpperCase() : key}`;
}

/** The action bound to an event, if any. */
export function actionFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): ChartAction | null {
  const combo = comboOf(e);
  return SHORTCUTS.find((s) => s.keys.includes(combo))?.action ?? null;
}

/** True when the event comes from a text field, where keys are typing, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
