// The page: choose a kind, edit its content, see the printed page, download.
// Everything is done by the API (the same engine as the command line).
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const { Form, pathText } = window.VanbanForm;
  const REFRESH_MS = 500;
  let kinds = [];
  let form = null;
  let data = null;
  let page = 1;
  let pages = 1;
  let timer = null;
  let asked = 0; // the latest refresh; older answers are dropped
  let previewUrl = null;
  let edited = false; // the content was changed since it was opened or chosen

  function status(text) { $("status").textContent = text; }

  async function api(path, options) {
    const response = await fetch(path, options);
    if (response.status === 401) throw new Error("cần mật khẩu");
    return response;
  }

  function send(body) {
    return { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body, null, 1) };
  }

  // A problem is a diagnostic as `vanban … --json` gives it: code, message, hint, location.
  function contentPath(p) {
    return p.location && p.location.kind === "content" ? p.location.path || "" : "";
  }

  function problemText(p) {
    const at = p.location;
    // A place in the document made, not in what the clerk wrote: the command line's words.
    if (!at || at.kind !== "content") return p.text || p.message;
    const where = at.line ? `dòng ${at.line}${at.column ? `, cột ${at.column}` : ""}: ` : "";
    return `${where}${at.path ? at.path + ": " : ""}${p.message}${p.hint ? ` (gợi ý: ${p.hint})` : ""}`;
  }

  // A problem the page finds itself, in the same shape.
  function pageProblem(path, message, hint) {
    return { code: "page.open", severity: "error", message, hint, location: { kind: "content", path } };
  }

  // The field a problem belongs to: its path, or the nearest enclosing field shown.
  function fieldFor(path) {
    const tail = /(\.[^.[\]]+|\[\d+\])$/;
    let probe = path;
    while (probe) {
      const found = document.querySelector(`#form [data-field="${CSS.escape(probe)}"]`);
      if (found) return found;
      if (!tail.test(probe)) return null;
      probe = probe.replace(tail, "");
    }
    return null;
  }

  function showProblems(problems) {
    document.querySelectorAll("#form .field-problems").forEach((ul) => ul.replaceChildren());
    document.querySelectorAll("#form [aria-invalid]").forEach((n) => n.removeAttribute("aria-invalid"));
    const list = $("problems");
    list.replaceChildren();
    $("problems-box").hidden = problems.length === 0;
    for (const p of problems) {
      const field = fieldFor(contentPath(p));
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = problemText(p);
      button.addEventListener("click", () => {
        const input = field && field.querySelector("input,textarea,select");
        if (input) input.focus();
      });
      item.append(button);
      list.append(item);
      if (field) {
        const own = field.querySelector(":scope > .field-problems");
        const li = document.createElement("li");
        li.textContent = p.message + (p.hint ? ` (gợi ý: ${p.hint})` : "");
        li.setAttribute("data-testid", "field-problem");
        li.dataset.code = p.code || "";
        if (own) own.append(li);
        const input = field.querySelector("input,textarea,select");
        if (input) input.setAttribute("aria-invalid", "true");
      }
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_MS);
  }

  async function refresh() {
    const ticket = ++asked;
    status("Đang kiểm tra…");
    try {
      const checked = await (await api("/api/validate", send(data))).json();
      if (ticket !== asked) return;
      showProblems(checked.problems);
      if (!checked.ok) { status(`Có ${checked.problems.length} lỗi cần sửa; trang in chưa cập nhật.`); return; }
      await drawPage(ticket);
    } catch (err) {
      if (ticket === asked) status(`Lỗi: ${err.message}`);
    }
  }

  async function drawPage(ticket) {
    status("Đang tạo trang in…");
    const response = await api(`/api/preview?page=${page}`, send(data));
    if (ticket !== asked) return;
    if (response.status === 422) {
      const answer = await response.json();
      showProblems(answer.problems);
      status("Không tạo được trang in.");
      return;
    }
    if (!response.ok) { status(`Không tạo được trang in (${response.status}).`); return; }
    pages = Number(response.headers.get("X-Pages") || 1);
    const blob = await response.blob();
    if (ticket !== asked) return;
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(blob);
    const img = $("preview");
    img.src = previewUrl;
    img.alt = `Trang ${page}/${pages} của văn bản, như khi in`;
    img.dataset.page = String(page);
    img.dataset.version = String(ticket);
    $("page-label").textContent = `Trang ${page}/${pages}`;
    $("prev").disabled = page <= 1;
    $("next").disabled = page >= pages;
    status("Trang in đã cập nhật.");
  }

  function turn(by) {
    const to = Math.min(Math.max(1, page + by), pages);
    if (to === page) return;
    page = to;
    drawPage(++asked).catch((err) => status(`Lỗi: ${err.message}`));
  }

  function load(content) {
    data = content;
    const kind = kinds.find((k) => k.name === data.kind) || kinds[0];
    $("kind").value = kind.name;
    return api(`/api/form?kind=${encodeURIComponent(kind.name)}`).then((r) => r.json()).then((spec) => {
      edited = false;
      form = new Form($("form"), spec, data, () => { edited = true; schedule(); });
      form.draw();
      page = 1;
      refresh();
    });
  }

  function chooseKind() {
    const kind = kinds.find((k) => k.name === $("kind").value);
    if (edited && data && !window.confirm(
      "Đổi loại văn bản sẽ thay nội dung đang soạn bằng nội dung mẫu của loại mới. " +
      "Nội dung chưa lưu sẽ mất. Tiếp tục?")) {
      $("kind").value = data.kind;
      return;
    }
    load(structuredClone(kind.starter));
  }

  function fileName(response, fallback) {
    const found = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    return found ? found[1] : fallback;
  }

  function saveBlob(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  async function download(format) {
    status(format === "pdf" ? "Đang tạo PDF…" : "Đang tạo DOCX…");
    const response = await api(`/api/render?format=${format}`, send(data));
    if (response.status === 422) {
      showProblems((await response.json()).problems);
      status("Văn bản còn lỗi, chưa tải được.");
      return;
    }
    if (!response.ok) { status(`Không tạo được tệp (${response.status}).`); return; }
    saveBlob(await response.blob(), fileName(response, `van-ban.${format}`));
    status(`Đã tạo tệp ${format.toUpperCase()}.`);
  }

  async function saveYaml() {
    const response = await api("/api/yaml", send(data));
    saveBlob(new Blob([await response.text()], { type: "application/yaml" }), `${data.kind || "van-ban"}.yaml`);
  }

  async function openYaml(event) {
    const file = event.target.files[0];
    if (!file) return;
    const text = await file.text();
    event.target.value = "";
    const answer = await (await api("/api/parse", { method: "POST", headers: { "Content-Type": "application/yaml" }, body: text })).json();
    if (answer.problems.length || !answer.data || typeof answer.data !== "object") {
      showProblems(answer.problems.length ? answer.problems
        : [pageProblem("", `${file.name}: không phải một tệp nội dung`, null)]);
      status(`Không mở được ${file.name}.`);
      return;
    }
    if (!kinds.some((k) => k.name === answer.data.kind)) {
      showProblems([pageProblem("kind", `${file.name}: loại văn bản \`${answer.data.kind}\` không có`, "các loại có: " + kinds.map((k) => k.name).join(", "))]);
      return;
    }
    await load(answer.data);
    status(`Đã mở ${file.name}.`);
  }

  async function startBatch(event) {
    event.preventDefault();
    const body = new FormData(event.target);
    const bar = $("batch-progress");
    const result = $("batch-result");
    result.hidden = true;
    $("batch-problems").replaceChildren();
    const started = await api("/api/batch", { method: "POST", body });
    if (started.status !== 202) {
      $("batch-status").textContent = `Không bắt đầu được (${started.status}).`;
      return;
    }
    const { id } = await started.json();
    bar.hidden = false;
    for (;;) {
      const state = await (await api(`/api/batch/${id}`)).json();
      bar.max = state.total || 1;
      bar.value = state.done;
      $("batch-status").textContent = `${state.done}/${state.total ?? "?"} văn bản` +
        (state.failed ? `, ${state.failed} hàng lỗi` : "") +
        (state.state === "running" && state.stage === "pdf" ? ". Đang chuyển sang PDF…" : "");
      if (state.state !== "running") {
        for (const problem of state.problems) {
          const li = document.createElement("li");
          li.textContent = problem.text;
          $("batch-problems").append(li);
        }
        if (state.state === "done") {
          result.href = `/api/batch/${id}/result`;
          result.hidden = false;
          $("batch-status").textContent += ". Xong.";
        } else {
          $("batch-status").textContent = "Không tạo được lô văn bản.";
        }
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }

  async function start() {
    kinds = await (await api("/api/kinds")).json();
    for (const kind of kinds) {
      const option = document.createElement("option");
      option.value = kind.name;
      option.textContent = kind.label;
      $("kind").append(option);
    }
    $("kind").addEventListener("change", chooseKind);
    $("prev").addEventListener("click", () => turn(-1));
    $("next").addEventListener("click", () => turn(1));
    $("docx").addEventListener("click", () => download("docx"));
    $("pdf").addEventListener("click", () => download("pdf"));
    $("save").addEventListener("click", saveYaml);
    $("open").addEventListener("change", openYaml);
    $("batch-form").addEventListener("submit", startBatch);
    const first = kinds.find((k) => k.name === "phat_dong") || kinds[0];
    $("kind").value = first.name;
    chooseKind();
  }

  // For register.js (Cấp số and the register): the content shown, and the page's helpers.
  window.vanban = {
    pathText, api, send, status, showProblems, saveBlob, fileName,
    content: () => data,
    load: (content) => load(content),
  };
  start();
})();
