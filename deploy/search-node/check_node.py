"""Check a running search node against what the project needs from Elasticsearch 8.19.

    .venv/bin/python deploy/search-node/check_node.py [--url http://127.0.0.1:9200] [--markdown]

Exits non-zero at the first check that fails. With --markdown, prints the _analyze outputs as the
table kept in deploy/search-node/README.md. Creates and deletes indices named search-node-smoke-*.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from elasticsearch import Elasticsearch, helpers

PREFIX = "search-node-smoke"
REPO = Path(__file__).resolve().parents[2]

# Every analysis name the project, Wagtail and the official plugins give it, in one index.
SETTINGS = {
    "index": {"number_of_shards": 1, "number_of_replicas": 0, "max_ngram_diff": 12},
    "analysis": {
        "char_filter": {
            "strip": {"type": "html_strip"},
            "ja_marks": {"type": "kuromoji_iteration_mark"},
            "icu_nfkc": {"type": "icu_normalizer", "name": "nfkc_cf"},
        },
        "tokenizer": {
            "grams": {
                "type": "ngram",
                "min_gram": 3,
                "max_gram": 15,
                "token_chars": ["letter", "digit"],
            },
            "edge": {
                "type": "edge_ngram",
                "min_gram": 2,
                "max_gram": 15,
                "token_chars": ["letter", "digit", "punctuation", "symbol"],
            },
            "pattern_comma": {"type": "pattern", "pattern": ","},
            "ja_search": {"type": "kuromoji_tokenizer", "mode": "search"},
            "ja_extended": {"type": "kuromoji_tokenizer", "mode": "extended"},
            "ko_mixed": {"type": "nori_tokenizer", "decompound_mode": "mixed"},
        },
        "filter": {
            "fr_elision": {
                "type": "elision",
                "articles": ["l", "d", "qu", "j"],
                "articles_case": True,
            },
            "en_stop": {"type": "stop", "stopwords": "_english_", "ignore_case": True},
            "list_stop": {"type": "stop", "stopwords": ["và", "của"]},
            "en_stem": {"type": "stemmer", "language": "english"},
            "en_light": {"type": "stemmer", "name": "light_english"},
            "en_possessive": {"type": "stemmer", "language": "possessive_english"},
            "fr_light": {"type": "stemmer", "language": "light_french"},
            "es_light": {"type": "stemmer", "language": "light_spanish"},
            "ru_light": {"type": "stemmer", "language": "light_russian"},
            "ar_stem": {"type": "stemmer", "language": "arabic"},
            "fold_keep": {"type": "asciifolding", "preserve_original": True},
            "tr_lower": {"type": "lowercase", "language": "turkish"},
            "grams3": {"type": "ngram", "min_gram": 3, "max_gram": 15},
            "edge1": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15},
            "shingles": {
                "type": "shingle",
                "min_shingle_size": 2,
                "max_shingle_size": 3,
                "output_unigrams": True,
            },
            "cut4": {"type": "truncate", "length": 4},
            "uniq": {"type": "unique", "only_on_same_position": False},
            "bigrams": {
                "type": "cjk_bigram",
                "ignored_scripts": ["hangul"],
                "output_unigrams": False,
            },
            "wdg": {"type": "word_delimiter_graph", "preserve_original": True},
            "ja_pos": {"type": "kuromoji_part_of_speech"},
            "ja_stop_list": {"type": "ja_stop", "stopwords": ["_japanese_", "発表"]},
            "ja_stem": {"type": "kuromoji_stemmer", "minimum_length": 4},
            "ko_pos": {"type": "nori_part_of_speech", "stoptags": ["E", "J"]},
            "zh_stop": {"type": "smartcn_stop"},
            "icu_fold": {"type": "icu_folding"},
        },
        "analyzer": {
            "folding": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
            "folding_keep": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "fold_keep"],
            },
            "grams": {"type": "custom", "tokenizer": "grams", "filter": ["lowercase"]},
            "edge": {"type": "custom", "tokenizer": "edge", "filter": ["lowercase"]},
            "french_custom": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["fr_elision", "lowercase", "stop", "fr_light"],
            },
            "english_custom": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["en_possessive", "lowercase", "en_stop", "en_stem"],
            },
            "english_light": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "en_light"],
            },
            "spanish_custom": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "es_light"],
            },
            "russian_light": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "ru_light"],
            },
            "arabic_custom": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "decimal_digit",
                    "arabic_normalization",
                    "persian_normalization",
                    "ar_stem",
                ],
            },
            "cjk_custom": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["cjk_width", "lowercase", "bigrams"],
            },
            "suggest": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "shingles"],
            },
            "cleanup": {
                "type": "custom",
                "tokenizer": "whitespace",
                "filter": ["trim", "uniq", "cut4"],
            },
            "wdg": {"type": "custom", "tokenizer": "whitespace", "filter": ["wdg"]},
            "letters": {"type": "custom", "tokenizer": "letter", "filter": ["lowercase"]},
            "commas": {
                "type": "custom",
                "tokenizer": "pattern_comma",
                "filter": ["trim", "lowercase"],
            },
            "keyword_folded": {
                "type": "custom",
                "tokenizer": "keyword",
                "filter": ["lowercase", "asciifolding"],
            },
            "html": {
                "type": "custom",
                "char_filter": ["strip"],
                "tokenizer": "standard",
                "filter": ["lowercase"],
            },
            "icu": {
                "type": "custom",
                "char_filter": ["icu_nfkc"],
                "tokenizer": "icu_tokenizer",
                "filter": ["icu_fold"],
            },
            "icu_norm": {"type": "custom", "tokenizer": "keyword", "filter": ["icu_normalizer"]},
            "ja_custom": {
                "type": "custom",
                "char_filter": ["ja_marks"],
                "tokenizer": "ja_search",
                "filter": [
                    "kuromoji_baseform",
                    "ja_pos",
                    "cjk_width",
                    "ja_stop_list",
                    "ja_stem",
                    "lowercase",
                ],
            },
            "ja_extended": {"type": "custom", "tokenizer": "ja_extended"},
            "ko_custom": {
                "type": "custom",
                "tokenizer": "ko_mixed",
                "filter": ["ko_pos", "nori_readingform", "lowercase"],
            },
            "zh_custom": {
                "type": "custom",
                "tokenizer": "smartcn_tokenizer",
                "filter": ["zh_stop"],
            },
            "tr_custom": {"type": "custom", "tokenizer": "standard", "filter": ["tr_lower"]},
            "french_configured": {
                "type": "french",
                "stopwords": ["_french_"],
                "stem_exclusion": ["relations"],
            },
            "stop_configured": {"type": "stop", "stopwords": ["the", "of"]},
            "pattern_configured": {"type": "pattern", "pattern": "\\W+", "lowercase": True},
        },
    },
}

TEXT = {"type": "text"}
MAPPINGS = {
    "properties": {
        "title": {
            "type": "text",
            "analyzer": "english",
            "fields": {
                "folded": {"type": "text", "analyzer": "folding"},
                "fr": {"type": "text", "analyzer": "french"},
                "es": {"type": "text", "analyzer": "spanish"},
                "ru": {"type": "text", "analyzer": "russian"},
                "ar": {"type": "text", "analyzer": "arabic"},
                "zh": {"type": "text", "analyzer": "smartcn"},
                "ja": {"type": "text", "analyzer": "kuromoji"},
                "ko": {"type": "text", "analyzer": "nori"},
                "cjk": {"type": "text", "analyzer": "cjk"},
                "autocomplete": {"type": "text", "analyzer": "edge", "search_analyzer": "folding"},
            },
        },
        "body": {"type": "text", "analyzer": "english", "copy_to": "suggest_text"},
        "suggest_text": {"type": "text", "analyzer": "suggest"},
        "section": {"type": "keyword"},
        "published": {"type": "date"},
    }
}

# (label, request body for _analyze against the smoke index, expected tokens or None to only record)
ANALYZE = [
    (
        "standard+lowercase+asciifolding",
        {
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
            "text": "Bộ Công Thương",
        },
        ["bo", "cong", "thuong"],
    ),
    (
        "standard+lowercase+asciifolding",
        {"tokenizer": "standard", "filter": ["lowercase", "asciifolding"], "text": "Đà Nẵng"},
        ["da", "nang"],
    ),
    (
        "folding_keep (asciifolding preserve_original)",
        {"analyzer": "folding_keep", "text": "Việt Nam"},
        ["viet", "việt", "nam"],
    ),
    (
        "french",
        {"analyzer": "french", "text": "Les relations économiques internationales"},
        ["relation", "econom", "international"],
    ),
    (
        "french_custom (elision, stop, light_french)",
        {"analyzer": "french_custom", "text": "L'Europe et l'Asie"},
        None,
    ),
    (
        "english",
        {"analyzer": "english", "text": "The ministries were negotiating agreements"},
        ["ministri", "were", "negoti", "agreement"],
    ),
    (
        "english_light (kstem)",
        {"analyzer": "english_light", "text": "The ministries were negotiating agreements"},
        None,
    ),
    (
        "spanish",
        {"analyzer": "spanish", "text": "Las relaciones económicas internacionales"},
        ["relacion", "economic", "internacional"],
    ),
    (
        "russian",
        {"analyzer": "russian", "text": "Министерство иностранных дел"},
        ["министерств", "иностра", "дел"],
    ),
    ("russian_light", {"analyzer": "russian_light", "text": "Министерство иностранных дел"}, None),
    ("arabic", {"analyzer": "arabic", "text": "وزارة الخارجية"}, ["زار", "خارج"]),
    ("arabic_custom", {"analyzer": "arabic_custom", "text": "وزارة الخارجية ٢٠٢٥"}, None),
    ("cjk", {"analyzer": "cjk", "text": "中华人民共和国外交部"}, None),
    (
        "smartcn",
        {"analyzer": "smartcn", "text": "中华人民共和国外交部"},
        ["中华人民共和国", "外交部"],
    ),
    (
        "zh_custom (smartcn_tokenizer+smartcn_stop)",
        {"analyzer": "zh_custom", "text": "外交部发言人的记者会"},
        None,
    ),
    ("kuromoji", {"analyzer": "kuromoji", "text": "外務省の発表"}, ["外務省", "発表"]),
    (
        "ja_extended (kuromoji_tokenizer mode extended)",
        {"analyzer": "ja_extended", "text": "外務省の発表"},
        None,
    ),
    (
        "ja_custom (baseform, pos, ja_stop, stemmer)",
        {"analyzer": "ja_custom", "text": "外務省が発表しました。コンピューター"},
        None,
    ),
    ("nori", {"analyzer": "nori", "text": "외교부 발표"}, ["외교", "부", "발표"]),
    (
        "ko_custom (nori mixed, pos, readingform)",
        {"analyzer": "ko_custom", "text": "外交部가 발표했다"},
        None,
    ),
    (
        "icu (icu_normalizer, icu_tokenizer, icu_folding)",
        {"analyzer": "icu", "text": "Bộ Ngoại giao ＶＩỆＴ ＮＡＭ"},
        ["bo", "ngoai", "giao", "viet", "nam"],
    ),
    (
        "edge (edge_ngram tokenizer 2-15)",
        {"analyzer": "edge", "text": "Hà Nội"},
        ["hà", "nộ", "nội"],
    ),
    (
        "grams (ngram tokenizer 3-15)",
        {"analyzer": "grams", "text": "Trade"},
        ["tra", "trad", "trade", "rad", "rade", "ade"],
    ),
    (
        "suggest (shingle 2-3, unigrams)",
        {"analyzer": "suggest", "text": "trade agreement signed"},
        [
            "trade",
            "trade agreement",
            "trade agreement signed",
            "agreement",
            "agreement signed",
            "signed",
        ],
    ),
    (
        "cleanup (trim, unique, truncate 4)",
        {"analyzer": "cleanup", "text": "alpha beta alpha gamma"},
        ["alph", "beta", "gamm"],
    ),
    (
        "wdg (word_delimiter_graph preserve_original)",
        {"analyzer": "wdg", "text": "Wi-Fi PowerShot500"},
        None,
    ),
    ("tr_custom (lowercase turkish)", {"analyzer": "tr_custom", "text": "İSTANBUL"}, ["istanbul"]),
    (
        "html (html_strip)",
        {"analyzer": "html", "text": "<p>Bộ <b>Ngoại</b> giao</p>"},
        ["bộ", "ngoại", "giao"],
    ),
    (
        "french_configured (stem_exclusion)",
        {"analyzer": "french_configured", "text": "Les relations économiques"},
        ["relations", "econom"],
    ),
]


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def tokens(es, index, body):
    return [t["token"] for t in es.indices.analyze(index=index, **body)["tokens"]]


def wagtail_index(url):
    """Create Wagtail's indices through its own Elasticsearch 8 backend, as `update_index` would."""
    sys.path.insert(0, str(REPO / "site"))
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    import django

    django.setup()
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
    from modelsearch.index import get_indexed_models

    backend = Elasticsearch8SearchBackend({"URLS": [url], "INDEX_PREFIX": f"{PREFIX}-wagtail-"})
    created = set()
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        if index.name not in created:
            index.delete()
            # The backend's own settings: ngram/edge_ngram filters and tokenizers, max_ngram_diff.
            index.put()
            created.add(index.name)
        index.add_model(model)
    return sorted(created)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--url", default=os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    )
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--no-wagtail", action="store_true")
    args = parser.parse_args()

    es = Elasticsearch(args.url, request_timeout=30)
    info = es.info()
    check(
        info["version"]["number"] == "8.19.21",
        f"info(): {info['name']} / {info['cluster_name']} / {info['version']['number']}",
    )
    check(
        info.meta.headers.get("x-elastic-product") == "Elasticsearch",
        "X-Elastic-Product: Elasticsearch header",
    )
    check(es.ping(), "ping() (HEAD /)")

    index = f"{PREFIX}-analysis"
    es.indices.delete(index=f"{PREFIX}-*", ignore_unavailable=True)
    es.indices.create(index=index, settings=SETTINGS, mappings=MAPPINGS)
    check(True, "index with all analysis components created")
    es.cluster.health(index=index, wait_for_status="green", timeout="30s")

    outputs = []
    for label, body, expected in ANALYZE:
        got = tokens(es, index, body)
        outputs.append((label, body.get("text"), got))
        if expected is not None:
            check(got == expected, f"{label}: {body['text']!r} -> {got}")
        else:
            check(len(got) > 0, f"{label}: {body['text']!r} -> {got}")

    # Documents, through _bulk.
    docs = [
        (
            "1",
            "Vietnam and Japan sign a trade agreement",
            "The ministries negotiated the trade agreement for two years.",
            "trade",
            "2025-01-15",
        ),
        (
            "2",
            "Trade talks with the European Union",
            "Negotiators discussed agricultural trade and tariffs.",
            "trade",
            "2025-02-03",
        ),
        (
            "3",
            "Foreign minister visits Seoul",
            "The minister met his counterpart to discuss cooperation.",
            "diplomacy",
            "2025-02-20",
        ),
        (
            "4",
            "Bộ Công Thương công bố số liệu xuất khẩu",
            "Xuất khẩu gạo tăng mạnh.",
            "trade",
            "2025-03-05",
        ),
    ]
    actions = [
        {
            "_index": index,
            "_id": i,
            "_source": {"title": t, "body": b, "section": s, "published": d},
        }
        for i, t, b, s, d in docs
    ]
    ok, errors = helpers.bulk(es, actions, refresh=True)
    check(ok == len(docs) and not errors, f"_bulk indexed {ok} documents")

    r = es.search(index=index, query={"match": {"title.folded": "bo cong thuong"}})
    check(
        r["hits"]["hits"] and r["hits"]["hits"][0]["_id"] == "4",
        "diacritic-free query finds the Vietnamese title",
    )
    r = es.search(
        index=index, query={"match": {"title": "agreements"}}, highlight={"fields": {"title": {}}}
    )
    check(
        r["hits"]["hits"][0]["highlight"]["title"]
        == ["Vietnam and Japan sign a trade <em>agreement</em>"],
        "highlight (stemmed match)",
    )
    r = es.search(index=index, size=0, aggs={"sections": {"terms": {"field": "section"}}})
    buckets = {b["key"]: b["doc_count"] for b in r["aggregations"]["sections"]["buckets"]}
    check(buckets == {"trade": 3, "diplomacy": 1}, f"terms aggregation {buckets}")
    r = es.search(
        index=index,
        size=0,
        aggs={"months": {"date_histogram": {"field": "published", "calendar_interval": "month"}}},
    )
    months = [
        (b["key_as_string"][:7], b["doc_count"]) for b in r["aggregations"]["months"]["buckets"]
    ]
    check(
        months == [("2025-01", 1), ("2025-02", 2), ("2025-03", 1)],
        f"date_histogram aggregation {months}",
    )
    r = es.search(
        index=index,
        query={
            "more_like_this": {
                "fields": ["title", "body"],
                "like": [{"_index": index, "_id": "1"}],
                "min_term_freq": 1,
                "min_doc_freq": 1,
            }
        },
    )
    check(
        [h["_id"] for h in r["hits"]["hits"]][:1] == ["2"],
        "more_like_this finds the other trade story",
    )
    r = es.search(
        index=index, suggest={"fix": {"text": "tarde agreemnt", "term": {"field": "body"}}}
    )
    fixes = [o["options"][0]["text"] if o["options"] else None for o in r["suggest"]["fix"]]
    check(fixes == ["trade", "agreement"], f"term suggester {fixes}")
    r = es.search(
        index=index,
        suggest={
            "text": "trade agreemnt",
            "fix": {
                "phrase": {
                    "field": "suggest_text",
                    "size": 1,
                    "gram_size": 3,
                    "direct_generator": [{"field": "suggest_text", "suggest_mode": "always"}],
                }
            },
        },
    )
    phrase = (
        r["suggest"]["fix"][0]["options"][0]["text"] if r["suggest"]["fix"][0]["options"] else None
    )
    check(phrase == "trade agreement", f"phrase suggester {phrase!r}")

    # Aliases: add and remove in one request.
    es.indices.put_alias(index=index, name=f"{PREFIX}-old")
    second = f"{PREFIX}-analysis-2"
    es.indices.create(index=second, settings={"index": {"number_of_replicas": 0}})
    es.indices.update_aliases(
        actions=[
            {"remove": {"index": index, "alias": f"{PREFIX}-old"}},
            {"add": {"index": second, "alias": f"{PREFIX}-old"}},
        ]
    )
    check(
        list(es.indices.get_alias(name=f"{PREFIX}-old").body) == [second],
        "_aliases swap (remove + add in one request)",
    )

    if not args.no_wagtail:
        names = wagtail_index(args.url)
        check(
            bool(names),
            f"Wagtail's Elasticsearch8SearchBackend created {names} with its own settings",
        )
        got = tokens(es, names[0], {"analyzer": "edgengram_analyzer", "text": "Bộ Công"})
        check(
            got == ["b", "bo", "c", "co", "con", "cong"],
            f"Wagtail edgengram_analyzer: 'Bộ Công' -> {got}",
        )
        got = tokens(es, names[0], {"analyzer": "ngram_analyzer", "text": "Thương"})
        check(
            got == ["thu", "thuo", "thuon", "thuong", "huo", "huon", "huong", "uon", "uong", "ong"],
            f"Wagtail ngram_analyzer: 'Thương' -> {got}",
        )
        for name in names:
            es.indices.delete(index=name)

    es.indices.delete(index=f"{PREFIX}-*")

    if args.markdown:
        print()
        print("| analyzer / chain | text | tokens |")
        print("|---|---|---|")
        for label, text, got in outputs:
            print(f"| {label} | {text} | {json.dumps(got, ensure_ascii=False)} |")
    print("all checks passed")


if __name__ == "__main__":
    main()
