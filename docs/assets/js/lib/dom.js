// The one helper the site's modules use to build page elements. Text only
// ever goes in through textContent, never as HTML.

/** A new ``tag`` element with ``attributes`` ("class" included) and ``text``. */
export function element(tag, attributes = {}, text = undefined) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined && text !== "") node.textContent = text;
  return node;
}
