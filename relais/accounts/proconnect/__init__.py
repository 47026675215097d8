"""ProConnect login (OpenID Connect): provider, backend, matching rules, and the memberships it suggests."""
