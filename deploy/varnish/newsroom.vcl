vcl 4.1;
# Varnish in front of gunicorn: keeps what Django marks public with s-maxage, for anonymous
# readers only, and forgets it when Wagtail's frontend cache module sends a PURGE.
#
#   nginx (TLS, /static/, /media/) -> Varnish (this) -> gunicorn
#
# A PURGE of a path forgets every cached response whose path starts with it, whatever the
# query (site/newsroom/front_cache/purge.py relies on this): "/en/" forgets the English site.

import std;

backend newsroom {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;  # gunicorn's own timeout is 30 s
    .between_bytes_timeout = 10s;
    .probe = {
        .url = "/healthz";
        .timeout = 2s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the web and worker machines (localhost on one machine).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-newsroom-host == " + req.http.host +
            " && obj.http.x-newsroom-path ~ ^" + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors, previews, partners with tokens: never from, never into, the shared cache.
    if (req.url ~ "^/(admin|documents)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization || req.http.X-Partner-Token || req.url ~ "[?&]token=") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous readers' other cookies (analytics, a stale CSRF token) change nothing.
    unset req.http.Cookie;
    # While gunicorn answers, a response a moment past its time is fetched anew; when it
    # does not, readers get the last good copy for up to a day (beresp.grace).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 2s;
    }
    return (hash);
}

sub vcl_backend_response {
    # What a PURGE matches on, kept with the object and never sent to readers.
    set beresp.http.x-newsroom-host = bereq.http.host;
    set beresp.http.x-newsroom-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Cache-Control ~ "private"
        || beresp.http.Set-Cookie) {
        # Only what Django marked public for the shared cache; remember the pass a while.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-newsroom-host;
    unset resp.http.x-newsroom-path;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Browsers get the short max-age Django set; s-maxage was for this cache alone.
    set resp.http.Cache-Control = regsub(resp.http.Cache-Control, ",?\s*s-maxage=\d+", "");
}
