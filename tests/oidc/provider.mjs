// A real OpenID Connect provider (the `oidc-provider` package) for the single sign-on browser
// test: `node tests/oidc/provider.mjs` with
//   OIDC_PORT (8215), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma-separated).
// Its development sign-in page accepts any login; the login typed is the user's subject and,
// when it holds an "@", their e-mail address (otherwise <login>@example.dk). Consent is
// given by the provider itself (a first-party client), so the browser sees one sign-in form.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT || 8215);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID || "samspil",
      client_secret: process.env.OIDC_CLIENT_SECRET || "hemmelig",
      redirect_uris: (process.env.OIDC_REDIRECT_URIS || "").split(",").filter(Boolean),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const email = id.includes("@") ? id : `${id}@example.dk`;
        return { sub: id, email, email_verified: true, name: id };
      },
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ["samspil-test-only"] },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

provider.listen(port, "127.0.0.1", () => {
  console.log(`oidc provider listening at ${issuer}`);
});
