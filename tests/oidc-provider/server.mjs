// A real OpenID Provider (panva's oidc-provider) for the API's interoperability test: client
// credentials grant, resource indicators (RFC 8707) so that access tokens are RS256 JWTs for the
// API's audience. Started by the tests on a free loopback port; prints one JSON line with its
// issuer once it listens, then serves until its standard input closes or it is killed.
//
// Settings, from the environment: AUDIENCE, CLIENT_ID, CLIENT_SECRET (all required).
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';

const audience = required('AUDIENCE');
const clientId = required('CLIENT_ID');
const clientSecret = required('CLIENT_SECRET');
const apiScopes = 'read:messages write:messages';

// A signing key made at start: nothing secret is kept in the repository.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: apiScopes,
    }],
    scopes: ['openid', ...apiScopes.split(' ')],
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [signingKey] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resourceIndicator) => {
          if (resourceIndicator !== audience) {
            throw new errors.InvalidTarget();
          }

          return {
            audience,
            scope: apiScopes,
            accessTokenTTL: 300,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  });
  provider.on('server_error', (ctx, error) => console.error(`oidc-provider: ${error.message}`));
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`oidc-provider: ${name} is required`);
    process.exit(2);
  }

  return value;
}
