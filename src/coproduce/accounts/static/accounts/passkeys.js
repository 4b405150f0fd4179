// Passkeys, with django-otp-webauthn's scripts (served from our own static files, like this one).
// Its scripts call Django's gettext for their messages; the site is in English only, so each message is
// used as it is. Once a passkey is added, the person goes on to name it.
window.gettext = window.gettext || ((text) => text);

document.addEventListener("otp_webauthn.register_complete", (event) => {
  const url = event.detail && event.detail.response && event.detail.response.name_url;
  if (typeof url === "string" && url.startsWith("/") && !url.startsWith("//")) {
    window.location.assign(url);
  }
});
