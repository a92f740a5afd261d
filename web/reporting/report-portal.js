/*
 * report-portal.js: enhancements of the public report pages; the pages
 * work without it. (1) The proof of work: before the form is sent, find
 * a nonce so that SHA-256(challenge ":" nonce) starts with the number of
 * zero bits the server's signed challenge asks (its second field); the
 * server then applies the ordinary limit instead of the stricter one.
 * Where Web Crypto is missing (plain HTTP away from localhost) the form
 * is sent unsolved. (2) The print button of the confirmation page.
 * No request leaves the page, nothing is stored in the browser.
 */

function zeroBits(bytes, bits) {
	for (let i = 0; i < bits; i++) {
		if (bytes[i >> 3] & (0x80 >> (i & 7)))
			return false;
	}
	return true;
}

async function solve(challenge, bits) {
	const enc = new TextEncoder();
	for (let nonce = 0; nonce < 1 << 26; nonce++) {
		const data = enc.encode(challenge + ":" + nonce);
		const h = new Uint8Array(await crypto.subtle.digest("SHA-256",
		    data));
		if (zeroBits(h, bits))
			return String(nonce);
	}
	return "";
}

function enhanceForm(form) {
	const ch = form.querySelector("input[name=pow_challenge]");
	const nonce = form.querySelector("input[name=pow_nonce]");
	const status = document.getElementById("pow-status");
	if (!ch || !nonce || !(window.crypto && crypto.subtle))
		return;
	let busy = false;
	form.addEventListener("submit", async (ev) => {
		if (nonce.value !== "")
			return;
		ev.preventDefault();
		if (busy)
			return;
		busy = true;
		if (status)
			status.textContent = status.dataset.working || "";
		const bits = Number(ch.value.split(".")[1]) || 0;
		nonce.value = bits > 0 && bits <= 24 ?
		    await solve(ch.value, bits) : "";
		if (nonce.value === "")
			nonce.value = "-";
		form.submit();
	});
}

for (const form of document.querySelectorAll("form.report-form"))
	enhanceForm(form);

for (const b of document.querySelectorAll("button[data-print]")) {
	b.hidden = false;
	b.addEventListener("click", () => window.print());
}

/* GOV.UK pattern: the error summary takes the focus when the page opens. */
const summary = document.querySelector(".error-summary");
if (summary)
	summary.focus();
