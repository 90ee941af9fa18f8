// A self-contained page for the OpenAPI description: no script from elsewhere.
"use strict";

(async function () {
  const spec = await (await fetch("/openapi.json")).json();
  const root = document.getElementById("docs");
  root.replaceChildren();
  const add = (parent, tag, text, cls) => {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    parent.append(node);
    return node;
  };
  add(root, "p", spec.info.summary || spec.info.title);
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const box = add(root, "section", null, "op");
      const head = add(box, "h3");
      add(head, "span", method.toUpperCase(), "method");
      head.append(" " + path);
      if (op.summary) add(box, "p", op.summary);
      const params = (op.parameters || []).map((p) => `${p.name} (${p.in}${p.required ? ", bắt buộc" : ""})`);
      if (params.length) add(box, "p", "Tham số: " + params.join(", "));
      if (op.requestBody) {
        add(box, "p", "Nội dung gửi: " + Object.keys(op.requestBody.content).join(", ") +
          (op.requestBody.description ? ` (${op.requestBody.description})` : ""));
      }
      const answers = Object.entries(op.responses || {}).map(([code, r]) =>
        `${code}: ${r.description || ""} ${r.content ? "[" + Object.keys(r.content).join(", ") + "]" : ""}`);
      add(box, "pre", answers.join("\n"));
    }
  }
  const schemas = (spec.components || {}).schemas || {};
  add(root, "h2", "Kiểu dữ liệu");
  for (const [name, schema] of Object.entries(schemas)) {
    const box = add(root, "section", null, "op");
    add(box, "h3", name);
    add(box, "pre", JSON.stringify(schema.properties || schema, null, 1));
  }
})();
