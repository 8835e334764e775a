"""Feed URLs, under each language's prefix: /<lang>/feeds/..."""

from django.urls import path

from search.syndication.feeds.views import feed, feeds_index, feeds_opml

urlpatterns = [
    path("feeds/", feeds_index, name="feeds_index"),
    path("feeds/feeds.opml", feeds_opml, name="feeds_opml"),
    path("feeds/all.<str:format>", feed, name="feed"),
    path("feeds/search.<str:format>", feed, {"kind": "search"}, name="feed_search"),
    path("feeds/<str:kind>/<slug:slug>.<str:format>", feed, name="feed_term"),
]
