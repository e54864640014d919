/*
 * Form studio's YAML editor: CodeMirror 6 over the plain textarea (which stays the form field and the fallback
 * without scripts). It highlights YAML, completes keys and values from the published JSON Schema, and shows the
 * server check's problems inline at their line and column. Tab leaves the editor, so keyboard users are never
 * trapped; Ctrl+] and Ctrl+[ indent.
 */
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, HighlightStyle, indentOnInput } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { tags } from '@lezer/highlight';

const textarea = document.getElementById('yaml');
const schemaUrl = textarea && textarea.dataset.schema;
if (textarea && schemaUrl) start();

function start() {
  // Colours keep at least 4.5:1 against the white editor background (WCAG 2.2 AA).
  const highlight = HighlightStyle.define([
    { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: '#0550ae' },
    { tag: [tags.string, tags.special(tags.string), tags.content], color: '#116329' },
    { tag: [tags.number, tags.bool, tags.null, tags.atom], color: '#953800' },
    { tag: tags.comment, color: '#57606a', fontStyle: 'italic' },
    { tag: [tags.meta, tags.keyword, tags.labelName, tags.typeName], color: '#8250df' },
    { tag: [tags.punctuation, tags.separator], color: '#24292f' },
  ]);
  const theme = EditorView.theme({
    '&': { fontSize: '0.95rem', border: '1px solid #6e7781', borderRadius: '4px', backgroundColor: '#fff' },
    '&.cm-focused': { outline: '3px solid #1f4fd1', outlineOffset: '2px' },
    // The editor grows with its text and the page scrolls: a scrolling box inside the page is one more thing a
    // keyboard user would have to reach.
    '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', minHeight: '20rem' },
    '.cm-content': { caretColor: '#000' },
    '.cm-gutters': { backgroundColor: '#f6f8fa', color: '#57606a', borderRight: '1px solid #d0d7de' },
    '.cm-activeLine': { backgroundColor: '#f3f6ff' },
    '.cm-activeLineGutter': { backgroundColor: '#e4ebff', color: '#24292f' },
    '.cm-tooltip': { fontSize: '0.9rem' },
    '.cm-tooltip-lint': { maxWidth: '40rem' },
  });

  const readOnly = textarea.readOnly;
  let schema = null;
  fetch(schemaUrl, { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .then((json) => { schema = json; })
    .catch(() => { /* Completion is a help; the server check still judges the document. */ });

  const host = document.createElement('div');
  host.className = 'lg-code-host';
  textarea.insertAdjacentElement('afterend', host);
  // A shadow root lets CodeMirror adopt its style sheets instead of writing <style> elements the CSP refuses.
  const root = host.attachShadow({ mode: 'open' });

  const view = new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        highlightActiveLine(),
        yaml(),
        syntaxHighlighting(highlight),
        lintGutter(),
        autocompletion({ override: [(context) => complete(context, schema)], icons: false }),
        keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
        EditorState.tabSize.of(2),
        EditorState.readOnly.of(readOnly),
        EditorView.lineWrapping,
        theme,
        EditorView.contentAttributes.of({
          ...(readOnly ? { 'aria-readonly': 'true' } : {}),
          'aria-label': textarea.labels.length ? textarea.labels[0].textContent + (readOnly ? ' (read only)' : '')
            + '. Tab leaves the editor; Ctrl+Space suggests keys.' : 'YAML',
        }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          textarea.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      ],
    }),
  });

  // The textarea stays in the form (its value is what is saved) but out of sight and out of the tab order.
  textarea.hidden = true;
  textarea.setAttribute('aria-hidden', 'true');
  textarea.tabIndex = -1;

  function position(line, column) {
    const doc = view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return { at, from: Math.min(at.from + Math.max(column - 1, 0), at.to) };
  }

  function showProblems(problems) {
    const diagnostics = problems.map((problem) => {
      const { at, from } = position(problem.line, problem.column);
      return {
        from,
        to: Math.max(from, at.to),
        severity: 'error',
        message: problem.message + (problem.fix ? '. Fix: ' + problem.fix : ''),
      };
    });
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }

  textarea.lgGoTo = (line, column) => {
    const { from, at } = position(line, column);
    view.dispatch({ selection: { anchor: from, head: at.to }, scrollIntoView: true });
    view.focus();
  };
  textarea.addEventListener('lg-problems', (event) => showProblems(event.detail));
  const initial = Array.from(document.querySelectorAll('#findings button[data-line]')).map((button) => ({
    line: Number(button.dataset.line),
    column: Number(button.dataset.column),
    message: button.parentElement.textContent.replace(/^[^:]*:\s*/, ''),
  }));
  showProblems(initial);
}

/* Completion from the JSON Schema: the keys allowed where the cursor is, and the values a key allows. */
function complete(context, schema) {
  if (!schema) return null;
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);
  const keyMatch = /^(\s*)(-\s+)?([A-Za-z0-9_-]*)$/.exec(before);
  if (keyMatch) {
    if (!keyMatch[3] && !context.explicit) return null;
    const path = pathAt(context.state.doc, line.number, keyMatch[1].length, keyMatch[2]);
    const node = walk(schema, schema, path);
    const options = node ? propertiesOf(schema, node).map(([name, property]) => ({
      label: name,
      apply: name + ': ',
      type: 'property',
      detail: summary(schema, property),
      info: deref(schema, property).description || undefined,
    })) : [];
    return options.length ? { from: context.pos - keyMatch[3].length, options, validFor: /^[A-Za-z0-9_-]*$/ } : null;
  }
  const valueMatch = /^(\s*)(-\s+)?([A-Za-z0-9_-]+):\s+([A-Za-z0-9_.-]*)$/.exec(before);
  if (valueMatch) {
    const path = pathAt(context.state.doc, line.number, valueMatch[1].length, valueMatch[2]);
    const parent = walk(schema, schema, path);
    const node = parent && walk(schema, parent, [valueMatch[3]]);
    const values = node ? valuesOf(schema, node) : [];
    if (!values.length) return null;
    return {
      from: context.pos - valueMatch[4].length,
      options: values.map((value) => ({ label: String(value), type: 'constant' })),
      validFor: /^[A-Za-z0-9_.-]*$/,
    };
  }
  return null;
}

/*
 * The keys and list items that lead to a line, read from indentation: walking up, a key less indented than the
 * current level is the parent mapping, and a "- " less indented is the list item the line belongs to.
 */
function pathAt(doc, lineNumber, indent, dash) {
  const path = [];
  let level = indent;
  let itemLevel = false;
  if (dash) {
    path.unshift('[]');
    itemLevel = true;
  }
  for (let n = lineNumber - 1; n >= 1 && (level > 0 || itemLevel); n--) {
    const text = doc.line(n).text;
    if (/^\s*(#.*)?$/.test(text)) continue;
    const m = /^(\s*)(-\s+)?(?:([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*:(?:\s|$))?/.exec(text);
    const dashColumn = m[1].length;
    const keyColumn = dashColumn + (m[2] ? m[2].length : 0);
    if (m[3] && (keyColumn < level || (itemLevel && keyColumn <= level && !m[2]))) {
      path.unshift(m[3].replace(/^["']|["']$/g, ''));
      level = keyColumn;
      itemLevel = false;
      if (m[2]) {
        path.unshift('[]');
        level = dashColumn;
        itemLevel = true;
      }
    } else if (m[2] && dashColumn < level) {
      path.unshift('[]');
      level = dashColumn;
      itemLevel = true;
    }
  }
  return path;
}

function deref(schema, node) {
  let current = node;
  for (let i = 0; current && current.$ref && i < 20; i++) {
    const pointer = current.$ref.replace(/^#\//, '').split('/');
    current = pointer.reduce((at, part) => (at ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), schema);
  }
  return current || {};
}

/* Every branch a node may take: itself, its $ref target, and its allOf / anyOf / oneOf / then / else parts. */
function branches(schema, node, seen = new Set()) {
  const resolved = deref(schema, node);
  if (seen.has(resolved)) return [];
  seen.add(resolved);
  const result = [resolved];
  ['allOf', 'anyOf', 'oneOf'].forEach((key) => (resolved[key] || []).forEach((part) => {
    result.push(...branches(schema, part, seen));
  }));
  ['then', 'else'].forEach((key) => { if (resolved[key]) result.push(...branches(schema, resolved[key], seen)); });
  return result;
}

function walk(schema, node, path) {
  let current = [node];
  for (const part of path) {
    const next = [];
    current.forEach((candidate) => branches(schema, candidate).forEach((branch) => {
      if (part === '[]') {
        if (branch.items) next.push(branch.items);
      } else if (branch.properties && branch.properties[part]) {
        next.push(branch.properties[part]);
      } else if (branch.additionalProperties && typeof branch.additionalProperties === 'object') {
        next.push(branch.additionalProperties);
      } else if (branch.patternProperties) {
        Object.entries(branch.patternProperties).forEach(([pattern, property]) => {
          if (new RegExp(pattern).test(part)) next.push(property);
        });
      }
    }));
    if (!next.length) return null;
    current = next;
  }
  return { anyOf: current };
}

function propertiesOf(schema, node) {
  const found = new Map();
  branches(schema, node).forEach((branch) => Object.entries(branch.properties || {}).forEach(([name, property]) => {
    if (!found.has(name)) found.set(name, property);
  }));
  return Array.from(found.entries());
}

function valuesOf(schema, node) {
  const values = new Set();
  branches(schema, node).forEach((branch) => {
    (branch.enum || []).forEach((value) => values.add(value));
    if (branch.const !== undefined) values.add(branch.const);
    if (branch.type === 'boolean') { values.add(true); values.add(false); }
  });
  return Array.from(values);
}

function summary(schema, property) {
  const resolved = deref(schema, property);
  if (resolved.enum) return resolved.enum.slice(0, 4).join(' | ') + (resolved.enum.length > 4 ? ' | …' : '');
  return Array.isArray(resolved.type) ? resolved.type.join(' | ') : resolved.type || '';
}
