// The content form, drawn from the spec the server derives from the content model
// (GET /api/form). Nothing here names a field of a kind: every label, type and
// requirement comes from the spec, so a new kind or field needs no change here.
"use strict";

(function () {
  let uid = 0;

  // `['signatories', 0, 'authority']` -> `signatories[0].authority` (as the server writes paths).
  function pathText(path) {
    let out = "";
    for (const part of path) {
      out += typeof part === "number" ? `[${part}]` : (out ? "." : "") + part;
    }
    return out;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  class Form {
    constructor(container, spec, data, changed) {
      this.container = container;
      this.spec = spec;
      this.data = data;
      this.changed = changed; // called after every edit; `true` when the shape changed
    }

    resolve(node) {
      return node.type === "ref" ? this.spec.models[node.ref] : node;
    }

    // The value a new list entry or field starts with.
    blank(node) {
      node = this.resolve(node);
      switch (node.type) {
        case "list": return [];
        case "boolean": return false;
        case "enum": return node.values[0];
        case "choice": return this.blank(node.options[0]);
        case "object": {
          const out = {};
          for (const f of node.fields) if (f.required) out[f.name] = this.blank(f.node);
          return out;
        }
        case "raw": return {};
        default: return "";
      }
    }

    draw() {
      const focused = document.activeElement && document.activeElement.id;
      this.container.replaceChildren(this.object(this.spec.root, this.data, [], true));
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    }

    set(holder, key, value, reshaped) {
      if (value === undefined) delete holder[key]; else holder[key] = value;
      this.changed(Boolean(reshaped));
      if (reshaped) this.draw();
    }

    // One field: its label, help, control and the place its problems are shown.
    field(label, help, required, path, control) {
      const input = control.matches("input,textarea,select") ? control : control.querySelector("input,textarea,select");
      const id = (input && input.id) || control.id || `f${++uid}`;
      const wrap = el("div", { class: "field", "data-field": pathText(path) });
      if (label !== null) {
        wrap.append(el("label", { for: id, text: label + (required ? " *" : "") }));
      }
      if (help) {
        const helpId = `${id}-help`;
        wrap.append(el("small", { class: "help", id: helpId, text: help }));
        if (input) input.setAttribute("aria-describedby", helpId);
      }
      wrap.append(control, el("ul", { class: "field-problems", "aria-live": "polite" }));
      return wrap;
    }

    input(node, value, path, holder, key, optional) {
      node = this.resolve(node);
      const id = `in-${pathText(path).replace(/[^a-zA-Z0-9_-]/g, "_")}`;
      const testid = `field-${pathText(path)}`;
      const store = (v) => this.set(holder, key, v);
      if (node.type === "boolean") {
        return el("input", { type: "checkbox", id, "data-testid": testid, checked: Boolean(value),
          onchange: (e) => store(e.target.checked) });
      }
      if (node.type === "enum") {
        const select = el("select", { id, "data-testid": testid,
          onchange: (e) => store(e.target.value === "" ? undefined : e.target.value) });
        // A field with a default shows it when empty, not "(không chọn)".
        if (optional && node.default === undefined) select.append(el("option", { value: "", text: "(không chọn)" }));
        for (const v of node.values) select.append(el("option", { value: v, text: (node.labels && node.labels[v]) || v }));
        select.value = value ?? node.default ?? "";
        return select;
      }
      if (node.type === "number") {
        return el("input", { type: "text", inputmode: "decimal", id, "data-testid": testid, value: value ?? "",
          oninput: (e) => {
            const text = e.target.value.trim();
            store(text === "" ? (optional ? undefined : "") : (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text));
          } });
      }
      if (node.type === "integer") {
        return el("input", { type: "number", id, "data-testid": testid, value: value ?? "",
          min: node.min, max: node.max, inputmode: "numeric",
          oninput: (e) => {
            const text = e.target.value.trim();
            store(text === "" ? (optional ? undefined : "") : (/^-?\d+$/.test(text) ? Number(text) : text));
          } });
      }
      if (node.type === "date") {
        const text = el("input", { type: "text", id, "data-testid": testid, value: value ?? "",
          placeholder: "05/03/2025", autocomplete: "off",
          oninput: (e) => store(e.target.value.trim() === "" && optional ? undefined : e.target.value) });
        const picker = el("input", { type: "date", "aria-label": "Chọn ngày trên lịch", tabindex: "0",
          value: /^\d{4}-\d{2}-\d{2}$/.test(value || "") ? value : "",
          onchange: (e) => { text.value = e.target.value; store(e.target.value || undefined); } });
        const box = el("span", { class: "date" }, text, picker);
        box.id = id + "-box";
        return box;
      }
      const attrs = { id, "data-testid": testid, oninput: (e) => {
        const v = e.target.value;
        store(v.trim() === "" && optional ? undefined : v);
      } };
      if (node.long) {
        const area = el("textarea", { ...attrs, rows: Math.min(8, Math.max(2, String(value ?? "").split("\n").length + 1)) });
        area.value = value ?? "";
        return area;
      }
      return el("input", { ...attrs, type: "text", value: value ?? "" });
    }

    // Any value by its spec node.
    value(node, value, path, holder, key, label, help, required) {
      node = this.resolve(node);
      if (node.type === "object") return this.object(node, value, path, false, label, help);
      if (node.type === "list") return this.list(node, value, path, holder, key, label, help, required);
      if (node.type === "choice") return this.choice(node, value, path, holder, key, label, help, required);
      if (node.type === "raw") {
        return this.field(label, help || "Dữ liệu riêng, giữ nguyên khi lưu.", required, path,
          el("code", { id: `f${++uid}`, text: JSON.stringify(value) }));
      }
      return this.field(label, help, required, path, this.input(node, value, path, holder, key, !required));
    }

    object(node, value, path, root, label, help) {
      const box = root ? el("div", { class: "root" }) : el("fieldset", { "data-field": pathText(path) });
      if (!root && label) box.append(el("legend", { text: label }));
      if (!root && help) box.append(el("small", { class: "help", text: help }));
      if (!root) box.append(el("ul", { class: "field-problems" }));
      const missing = [];
      for (const f of node.fields) {
        if (f.hidden) continue;
        const present = Object.prototype.hasOwnProperty.call(value, f.name);
        if (!present && !f.required) { missing.push(f); continue; }
        if (!present) value[f.name] = this.blank(f.node);
        const part = this.value(f.node, value[f.name], [...path, f.name], value, f.name, f.label, f.help, f.required);
        if (!f.required) {
          part.append(el("button", { type: "button", class: "remove-field",
            "aria-label": `Bỏ trường ${f.label}`, text: "Bỏ trường này",
            onclick: () => this.set(value, f.name, undefined, true) }));
        }
        box.append(part);
      }
      if (missing.length) {
        const select = el("select", { "aria-label": "Thêm trường", "data-testid": `add-field-${pathText(path) || "root"}` },
          el("option", { value: "", text: "+ Thêm trường…" }),
          ...missing.map((f) => el("option", { value: f.name, text: f.label })));
        select.addEventListener("change", () => {
          const f = missing.find((m) => m.name === select.value);
          if (f) this.set(value, f.name, this.blank(f.node), true);
        });
        box.append(el("div", { class: "add-field" }, select));
      }
      return box;
    }

    list(node, value, path, holder, key, label, help, required) {
      if (!Array.isArray(value)) {
        // One value where a list is allowed (an authority line written alone): as a list of one.
        value = value === null || value === undefined || value === "" ? [] : [value];
        holder[key] = value;
      }
      const box = el("fieldset", { class: "list", "data-field": pathText(path) });
      box.append(el("legend", { text: label + (required ? " *" : "") }));
      if (help) box.append(el("small", { class: "help", text: help }));
      box.append(el("ul", { class: "field-problems" }));
      const items = el("ol");
      value.forEach((item, i) => {
        const entry = el("li");
        const inner = this.resolve(node.of);
        const itemLabel = `${label} ${i + 1}`;
        const part = this.value(inner, item, [...path, i], value, i,
          ["text", "integer", "number", "enum", "date"].includes(inner.type) ? null : itemLabel, "", true);
        const first = part.querySelector("input,textarea,select");
        if (first && !first.getAttribute("aria-label") && part.querySelector("label") === null) {
          first.setAttribute("aria-label", itemLabel);
        }
        const move = (to) => {
          value.splice(to, 0, value.splice(i, 1)[0]);
          this.changed(true);
          this.draw();
          const again = document.querySelector(`[data-field="${pathText([...path, to])}"] button[data-move="${to > i ? "down" : "up"}"]`);
          if (again) again.focus();
        };
        const tools = el("span", { class: "tools" },
          el("button", { type: "button", "data-move": "up", "aria-label": `Đưa ${itemLabel} lên`, text: "↑", disabled: i === 0,
            onclick: () => move(i - 1) }),
          el("button", { type: "button", "data-move": "down", "aria-label": `Đưa ${itemLabel} xuống`, text: "↓", disabled: i === value.length - 1,
            onclick: () => move(i + 1) }),
          el("button", { type: "button", "aria-label": `Xóa ${itemLabel}`, text: "✕",
            onclick: () => { value.splice(i, 1); this.changed(true); this.draw(); } }));
        part.setAttribute("data-field", pathText([...path, i]));
        entry.append(part, tools);
        items.append(entry);
      });
      box.append(items, el("button", { type: "button", class: "add", text: `+ Thêm (${label})`,
        "data-testid": `add-${pathText(path)}`,
        onclick: () => { value.push(this.blank(node.of)); this.changed(true); this.draw(); } }));
      return box;
    }

    // A value that may take several shapes: the one it has is drawn, with a switch.
    choice(node, value, path, holder, key, label, help, required) {
      const shapes = node.options.map((o) => this.resolve(o));
      const fits = (o) => (o.type === "list" ? Array.isArray(value)
        : o.type === "object" ? value && typeof value === "object" && !Array.isArray(value)
        : typeof value !== "object");
      let at = shapes.findIndex(fits);
      if (at < 0) at = 0;
      const part = this.value(node.options[at], value, path, holder, key, label, help, required);
      const other = shapes.findIndex((_, i) => i !== at);
      if (other >= 0) {
        const names = { text: "viết thành một đoạn", list: "viết thành danh sách", object: shapes[other].fields && shapes[other].fields.some((f) => f.name === "items") && shapes[other].fields.some((f) => f.name === "text") ? "thêm các ý con" : "đặt tên riêng cho phần" };
        const target = shapes[other];
        part.append(el("button", { type: "button", class: "reshape", text: names[target.type] || "đổi dạng",
          onclick: () => this.set(holder, key, this.reshape(value, target), true) }));
      }
      return part;
    }

    reshape(value, target) {
      const has = (name) => target.fields && target.fields.some((f) => f.name === name);
      if (target.type === "object") {
        const out = this.blank(target);
        if (typeof value === "string" && has("text")) out.text = value;
        if (Array.isArray(value) && has("items")) out.items = value;
        return out;
      }
      if (target.type === "list") return value && Array.isArray(value.items) ? value.items : [];
      return value && typeof value === "object" ? (value.text || "") : String(value ?? "");
    }
  }

  window.VanbanForm = { Form, pathText };
})();
