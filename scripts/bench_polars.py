"""The polars side of scripts/bench-vs-polars.sh: the group-by quantiles that
`supportgrade stats FILE --by vendor,priority --format json` computes, on the same file.

Prints JSON: {"groups": [{"vendor", "priority", "n", "answered", "p50", "p90", "p95", "mean",
"resolution_p50", "resolution_p90"}]} with minutes, sorted by (vendor, priority).
"""
import json
import sys

import polars as pl

FMT = "%Y-%m-%dT%H:%M:%S%z"


def main(path: str) -> None:
    df = pl.scan_csv(
        path,
        schema_overrides={
            "vendor": pl.Utf8,
            "priority": pl.Utf8,
            "sent_at": pl.Utf8,
            "first_response_at": pl.Utf8,
            "resolved_at": pl.Utf8,
        },
    ).select(
        "vendor",
        "priority",
        pl.col("sent_at").str.to_datetime(FMT, time_unit="ms").alias("sent"),
        pl.col("first_response_at").str.to_datetime(FMT, time_unit="ms").alias("first"),
        pl.col("resolved_at").str.to_datetime(FMT, time_unit="ms").alias("resolved"),
    )
    minutes = lambda a, b: (pl.col(b) - pl.col(a)).dt.total_seconds() / 60.0
    out = (
        df.with_columns(
            minutes("sent", "first").alias("fr"),
            minutes("sent", "resolved").alias("res"),
        )
        .group_by("vendor", "priority")
        .agg(
            pl.len().alias("n"),
            pl.col("fr").count().alias("answered"),
            pl.col("fr").quantile(0.5, "linear").alias("p50"),
            pl.col("fr").quantile(0.9, "linear").alias("p90"),
            pl.col("fr").quantile(0.95, "linear").alias("p95"),
            pl.col("fr").mean().alias("mean"),
            pl.col("res").quantile(0.5, "linear").alias("resolution_p50"),
            pl.col("res").quantile(0.9, "linear").alias("resolution_p90"),
        )
        .sort("vendor", "priority")
        .collect()
    )
    json.dump({"groups": out.to_dicts()}, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
