#!/usr/bin/env bash
# Install the analysis plugins the newsroom's indices need, on one node of the official
# Elasticsearch 8.19 distribution; run it on every node, then restart that node.
#
#   sudo deploy/elasticsearch/install-plugins.sh [ES_HOME]   (default /usr/share/elasticsearch)
#
# ICU (Vietnamese folding, Arabic and the icu_* filters), Kuromoji (Japanese), Nori (Korean)
# and SmartCN (Chinese). A plugin must match the node's exact version: after an upgrade of
# Elasticsearch, remove and install them again (this script does both). Not run here: no
# registry this project can reach serves the distribution.
set -euo pipefail

ES_HOME="${1:-/usr/share/elasticsearch}"
PLUGIN="$ES_HOME/bin/elasticsearch-plugin"
PLUGINS=(analysis-icu analysis-kuromoji analysis-nori analysis-smartcn)

[ -x "$PLUGIN" ] || { echo "install-plugins: no $PLUGIN (give the Elasticsearch home)" >&2; exit 1; }

installed="$("$PLUGIN" list)"
for plugin in "${PLUGINS[@]}"; do
    if grep -qx "$plugin" <<<"$installed"; then
        "$PLUGIN" remove "$plugin"
    fi
done
# --batch: accept the plugins' permissions without asking (they ask for none beyond the default).
"$PLUGIN" install --batch "${PLUGINS[@]}"
"$PLUGIN" list
echo "install-plugins: done; restart this node (systemctl restart elasticsearch), one node at a time"
