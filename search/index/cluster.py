"""What the Elasticsearch cluster says of itself: its nodes and health, told to operators."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from search.index.client import node_urls, search_client


@dataclass(frozen=True)
class ClusterHealth:
    """The cluster's health, and what the settings expect of it."""

    name: str
    status: str
    nodes: int
    data_nodes: int
    unassigned_shards: int
    delayed_unassigned_shards: int
    configured_nodes: int  # how many nodes ELASTICSEARCH_URL names
    replicas: int  # NEWSROOM_SEARCH["replicas"]

    def summary(self) -> str:
        """One line: name, status and nodes."""
        return (
            f"Elasticsearch cluster {self.name}: {self.status}, {self.nodes} node(s), "
            f"{self.data_nodes} holding data; ELASTICSEARCH_URL names {self.configured_nodes}."
        )

    def warnings(self) -> list[str]:
        """What an operator should look at, though every language can still be searched."""
        found = []
        if self.nodes < self.configured_nodes:
            found.append(
                f"{self.configured_nodes - self.nodes} of the nodes ELASTICSEARCH_URL names "
                "are not in the cluster: requests to them go to the others."
            )
        if self.replicas and self.data_nodes <= self.replicas:
            found.append(
                f"{self.replicas} replica(s) need {self.replicas + 1} data nodes; the cluster "
                f"has {self.data_nodes}: some copies cannot be placed."
            )
        if self.unassigned_shards:
            delayed = (
                f" ({self.delayed_unassigned_shards} waiting for a node that left to come back)"
                if self.delayed_unassigned_shards
                else ""
            )
            found.append(f"{self.unassigned_shards} shard copies are unassigned{delayed}.")
        return found

    def is_searchable(self) -> bool:
        """Red means some shard has no active copy: searches of its index fail or miss."""
        return self.status != "red"


def cluster_health() -> ClusterHealth:
    """Ask the cluster (through the readers' client and circuit) how it is."""
    health: dict[str, Any] = dict(search_client().cluster.health())
    config: dict[str, Any] = settings.NEWSROOM_SEARCH
    return ClusterHealth(
        name=str(health["cluster_name"]),
        status=str(health["status"]),
        nodes=int(health["number_of_nodes"]),
        data_nodes=int(health["number_of_data_nodes"]),
        unassigned_shards=int(health["unassigned_shards"]),
        delayed_unassigned_shards=int(health.get("delayed_unassigned_shards", 0)),
        configured_nodes=len(node_urls(config.get("url"))),
        replicas=int(config["replicas"]),
    )
