# The two commands the README gives: `make report` and `make test`.
# Each installs what it needs first (system packages via apt-get, Swift packages via SwiftPM).

NOTEBOOK ?= notebooks/movie-recommender.md
ARGS ?=

.PHONY: report test bootstrap build clean readme

bootstrap:
	@scripts/bootstrap

## Render the movie-recommender walk-through into output/movie-recommender.html.
report: bootstrap
	swift build -c release --product recbook
	.build/release/recbook run $(NOTEBOOK) --output output $(ARGS)

## Run the whole test suite (unit, numeric and end-to-end tests).
test: bootstrap
	swift build -c release --product recbook
	RECBOOK_BINARY=.build/release/recbook swift test

build: bootstrap
	swift build -c release --product recbook

clean:
	rm -rf .build output/*.html

## Regenerate the README's step reference from the registry.
readme:
	swift build --product recbook
	scripts/update-readme
