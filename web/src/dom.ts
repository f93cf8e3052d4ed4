// Building the page with DOM calls only: text always goes in as textContent, never as markup,
// so nothing a user typed (or the server sent) can become an element or a script.

type Child = Node | string | null | undefined | false;

export interface Attributes {
  readonly [name: string]: string | boolean | undefined;
}

/**
 * An element with attributes and children. Strings become text nodes. Attribute values are
 * set with setAttribute (never `on*` handlers: those are refused, so code cannot be planted).
 */
export function h(tag: string, attrs: Attributes = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.toLowerCase().startsWith("on"))
      throw new Error(`event attributes are not allowed: ${name}`);
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/** Empties `el` and puts `children` in. */
export function replaceChildren(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}
