"""Storing one article's extraction result through the batch service, as a batch of one."""

from events.storing import StoredExtraction, store_extraction_results


def store_one(article, result: dict, *, extractor_version: str) -> StoredExtraction:
    [stored] = store_extraction_results([(article, result)], extractor_version=extractor_version)
    return stored
