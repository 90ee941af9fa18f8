// Cấp số and the outgoing register (`vanban serve --register REG`).
// The server gives the number, writes the files and records the row; this only asks.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const page = window.vanban;
  let filters = new URLSearchParams();

  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  }

  function link(file) {
    const a = document.createElement("a");
    a.href = file.url;
    a.download = file.name;
    a.textContent = { docx: "Tải DOCX", pdf: "Tải PDF", json: "Tải tệp thông tin (.json)" }[file.type] || file.name;
    a.title = file.name;
    a.setAttribute("data-testid", `issued-${file.type}`);
    return a;
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.append(td);
    return td;
  }

  async function showRegister() {
    const response = await page.api(`/api/register?${filters}`);
    const answer = await response.json();
    if (response.status === 404) {
      $("register-off").textContent = `Sổ đăng ký chưa bật: ${answer.detail}.`;
      $("register-off").hidden = false;
      return false;
    }
    if (!response.ok) {
      $("register-status").textContent = `Không đọc được sổ: ${answer.detail || response.status}`;
      return true;
    }
    $("register-on").hidden = false;
    const head = $("register-table").querySelector("thead tr");
    head.replaceChildren();
    for (const name of [...answer.headers, "Tệp"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.append(th);
    }
    const body = $("register-table").querySelector("tbody");
    body.replaceChildren();
    for (const item of answer.rows) {
      const tr = document.createElement("tr");
      tr.setAttribute("data-testid", "register-row");
      tr.dataset.code = item.code;
      tr.dataset.year = String(item.year);
      for (const value of item.cells) cell(tr, value);
      const files = cell(tr, "");
      for (const file of item.files) {
        const a = link(file);
        a.textContent = file.type.toUpperCase();
        files.append(a, " ");
      }
      body.append(tr);
    }
    $("register-status").textContent = answer.rows.length
      ? `${answer.rows.length} văn bản.` : "Sổ chưa có văn bản nào (theo điều kiện đã chọn).";
    for (const format of ["xlsx", "csv"]) {
      const params = new URLSearchParams(filters);
      params.set("format", format);
      $(`register-${format}`).href = `/api/register/export?${params}`;
    }
    return true;
  }

  function filter(event) {
    event.preventDefault();
    filters = new URLSearchParams();
    const form = new FormData(event.target);
    for (const key of ["year", "issuer"]) {
      const value = String(form.get(key) || "").trim();
      if (value) filters.set(key, value);
    }
    showRegister().catch((err) => { $("register-status").textContent = `Lỗi: ${err.message}`; });
  }

  function ask() {
    const content = page.content() || {};
    const issuer = (content.issuers && content.issuers[0] && content.issuers[0].abbr) || "cơ quan ban hành";
    $("issue-number-note").textContent = content.number
      ? `Nội dung đã ghi số ${content.number}: văn bản được vào sổ với số này nếu số còn trống; ` +
        "muốn lấy số kế tiếp thì xóa ô Số văn bản trước."
      : `Văn bản nhận số kế tiếp của ${issuer} trong năm của ngày ban hành.`;
    if (!$("issue-date").value) $("issue-date").value = today();
    $("issue-dialog").returnValue = ""; // Esc closes with the last value otherwise
    $("issue-dialog").showModal();
  }

  function showResult(nodes) {
    const box = $("issue-result");
    box.replaceChildren(...nodes);
    box.hidden = false;
  }

  async function issue() {
    const content = page.content();
    const params = new URLSearchParams({ date: $("issue-date").value });
    if ($("issue-pdf").checked) params.set("pdf", "true");
    page.status("Đang cấp số…");
    $("issue").disabled = true;
    try {
      const response = await page.api(`/api/issue?${params}`, page.send(content));
      const answer = await response.json();
      if (!response.ok) {
        const problems = answer.problems ||
          [{ path: "", message: String(answer.detail || response.status), hint: null }];
        page.showProblems(problems);
        page.status("Chưa cấp số.");
        showResult([`Chưa cấp số: ${problems[0].message}. Không số nào bị dùng.`]);
        return;
      }
      const code = document.createElement("strong");
      code.textContent = answer.code;
      code.setAttribute("data-testid", "issued-code");
      const day = document.createElement("strong");
      day.textContent = answer.date_shown;
      day.setAttribute("data-testid", "issued-date");
      const links = document.createElement("span");
      links.className = "links";
      for (const file of answer.files) links.append(link(file), " ");
      showResult(["Đã cấp số ", code, ", ngày ", day, ". ", links]);
      page.status(`Đã cấp số ${answer.code}.`);
      // The form now holds the issued number and date: pressing Cấp số again is refused
      // (the number is taken) instead of numbering the same document twice.
      await page.load({ ...content, number: answer.number, date: answer.date });
      await showRegister();
    } catch (err) {
      page.status(`Lỗi: ${err.message}`);
    } finally {
      $("issue").disabled = false;
    }
  }

  async function start() {
    if (!(await showRegister())) return;
    $("issue").hidden = false;
    $("issue").addEventListener("click", ask);
    $("issue-dialog").addEventListener("close", () => {
      if ($("issue-dialog").returnValue === "issue") issue();
    });
    $("register-filter").addEventListener("submit", filter);
  }

  start().catch((err) => { $("register-status").textContent = `Lỗi: ${err.message}`; });
})();
