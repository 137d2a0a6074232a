// Facts of the AKS application routing add-on that both the ingress constructs and the rule pack use.

/** The app routing add-on's blocklist: a value containing one of these makes the controller skip the whole Ingress. */
export const APP_ROUTING_ANNOTATION_BLOCKLIST = [
  'load_module',
  'lua_package',
  '_by_lua',
  'location',
  'root',
  'proxy_pass',
  'serviceaccount',
  '{',
  '}',
  "'",
];
