//! Proxy authentication: 407 answers, `Proxy-Authenticate` and `Proxy-Authorization`, `CONNECT` tunnels and the proxy settings of common tools.
