/**
 * Who may do what on the registry: htpasswd (bcrypt) users, per-repository access rules, and the
 * bearer tokens (JWT, HS256) of the built-in token service, checked per request by
 * {@link berth.registry.auth.Authenticator}. No HTTP here beyond header values.
 */
package berth.registry.auth;
