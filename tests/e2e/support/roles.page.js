// Runs inside the app's page (sent as a WebDriver script; plain JS, no imports).
// Finds the visible elements with a given ARIA role and accessible name, the way assistive
// technology sees them: explicit role or the element's implicit role; name from aria-labelledby,
// aria-label, <label>, alt/value/title, or the text content for roles named by their content.
// A simplified accname computation, enough for the app's own markup; never CSS classes.
// With `describe` set it returns the names of every visible element of that role instead (for errors).
function findByRole(role, name, root, describe) {
  const collapse = (text) => (text || '').replace(/\s+/g, ' ').trim();

  const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
  const NAME_FROM_CONTENT = new Set([
    'button', 'link', 'checkbox', 'radio', 'switch', 'option', 'tab', 'menuitem', 'menuitemcheckbox',
    'menuitemradio', 'heading', 'cell', 'gridcell', 'columnheader', 'rowheader', 'row', 'tooltip',
    'treeitem', 'listitem', 'timer', 'status', 'alert',
  ]);

  function inputRole(el) {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
    if (type === 'checkbox') return 'checkbox';
    if (type === 'radio') return 'radio';
    if (type === 'number') return 'spinbutton';
    if (type === 'range') return 'slider';
    if (type === 'search') return el.hasAttribute('list') ? 'combobox' : 'searchbox';
    if (['text', 'email', 'tel', 'url'].includes(type)) return el.hasAttribute('list') ? 'combobox' : 'textbox';
    return null;
  }

  function implicitRole(el) {
    const tag = el.tagName.toLowerCase();
    if (HEADINGS.includes(tag)) return 'heading';
    switch (tag) {
      case 'button': return 'button';
      case 'summary': return 'button';
      case 'a': case 'area': return el.hasAttribute('href') ? 'link' : null;
      case 'input': return inputRole(el);
      case 'textarea': return 'textbox';
      case 'select': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'option': return 'option';
      case 'ul': case 'ol': case 'menu': return 'list';
      case 'li': return 'listitem';
      case 'nav': return 'navigation';
      case 'main': return 'main';
      case 'aside': return 'complementary';
      case 'form': return 'form';
      case 'section': return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : null;
      case 'article': return 'article';
      case 'dialog': return 'dialog';
      case 'fieldset': case 'details': return 'group';
      case 'table': return 'table';
      case 'tr': return 'row';
      case 'td': return 'cell';
      case 'th': return 'columnheader';
      case 'img': return el.getAttribute('alt') === '' ? 'presentation' : 'img';
      case 'progress': return 'progressbar';
      case 'meter': return 'meter';
      case 'output': return 'status';
      case 'hr': return 'separator';
      default: return null;
    }
  }

  function roleOf(el) {
    const explicit = collapse(el.getAttribute('role')).split(' ')[0];
    return explicit || implicitRole(el);
  }

  function isHidden(el) {
    for (let node = el; node; node = node.parentElement) {
      if (node.getAttribute('aria-hidden') === 'true' || node.hidden) return true;
    }
    // Options of a closed <select> have no boxes but are still there for assistive technology.
    if (el.tagName.toLowerCase() === 'option') return false;
    const style = getComputedStyle(el);
    return style.visibility === 'hidden' || el.getClientRects().length === 0;
  }

  function isDisplayed(el) {
    return getComputedStyle(el).display !== 'none' && el.getAttribute('aria-hidden') !== 'true';
  }

  // The text a subtree contributes to a name: text nodes, and for elements their own label if any.
  function textOf(node, labelledControl) {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE || !isDisplayed(node)) return '';
    const el = node;
    const tag = el.tagName.toLowerCase();
    if (el === labelledControl) return '';
    if (el.hasAttribute('aria-label') && collapse(el.getAttribute('aria-label'))) return el.getAttribute('aria-label');
    if (tag === 'img') return el.getAttribute('alt') || '';
    if (tag === 'input' || tag === 'textarea') return tag === 'input' && inputRole(el) === 'button' ? el.value : '';
    if (tag === 'select') return el.selectedOptions.length ? el.selectedOptions[0].textContent : '';
    const inner = Array.from(el.childNodes).map((child) => textOf(child, labelledControl)).join('');
    const inline = getComputedStyle(el).display.startsWith('inline');
    return inline ? inner : ` ${inner} `;
  }

  function nameOf(el) {
    const labelledBy = collapse(el.getAttribute('aria-labelledby'));
    if (labelledBy) {
      const parts = labelledBy.split(' ').map((id) => document.getElementById(id)).filter(Boolean)
        .map((ref) => ref.getAttribute('aria-label') || textOf(ref, el));
      if (collapse(parts.join(' '))) return collapse(parts.join(' '));
    }
    const label = collapse(el.getAttribute('aria-label'));
    if (label) return label;
    if (el.labels && el.labels.length) {
      const fromLabels = collapse(Array.from(el.labels).map((l) => textOf(l, el)).join(' '));
      if (fromLabels) return fromLabels;
    }
    const tag = el.tagName.toLowerCase();
    if (tag === 'img' || (tag === 'input' && el.type === 'image')) {
      const alt = collapse(el.getAttribute('alt'));
      if (alt) return alt;
    }
    if (tag === 'input' && inputRole(el) === 'button' && collapse(el.value)) return collapse(el.value);
    if (NAME_FROM_CONTENT.has(roleOf(el))) {
      const text = collapse(Array.from(el.childNodes).map((child) => textOf(child, el)).join(''));
      if (text) return text;
    }
    return collapse(el.getAttribute('title') || el.getAttribute('placeholder') || '');
  }

  function nameMatches(actual) {
    if (name === null || name === undefined) return true;
    if (typeof name === 'string') return actual === collapse(name);
    return new RegExp(name.source, name.flags).test(actual);
  }

  const scope = root || document;
  const found = [];
  for (const el of scope.querySelectorAll('*')) {
    if (roleOf(el) !== role || isHidden(el)) continue;
    const accessibleName = nameOf(el);
    if (describe) found.push(accessibleName);
    else if (nameMatches(accessibleName)) found.push(el);
  }
  return found;
}
