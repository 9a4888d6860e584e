# Samspill. `make run` and `make test` work on a fresh Debian machine with Go and
# Node installed; everything else (npm packages, Chromium) is installed on demand.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO       ?= go
NPM      ?= npm
FRONTEND := frontend
DIST     := internal/webui/dist
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X github.com/samspill/samspill/internal/server.Version=$(VERSION)
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

GO_SOURCES       := $(shell find cmd internal -name '*.go' -o -name '*.sql' -o -name '*.csv' 2>/dev/null)
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
                    $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json $(FRONTEND)/package.json

.PHONY: help run build test test-go test-race test-frontend e2e lint bench gen-api check-api chromium clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: build ## build and start on the embedded database with demo data
	SAMSPILL_DEMO=$${SAMSPILL_DEMO:-1} ./bin/samspill

build: bin/samspill bin/samspillctl ## build the server and the operator CLI (web app included)

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund
	touch $@

$(DIST)/index.html: $(FRONTEND)/node_modules/.installed $(FRONTEND_SOURCES)
	cd $(FRONTEND) && $(NPM) run build

bin/samspill: $(DIST)/index.html $(GO_SOURCES) go.mod go.sum
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $@ ./cmd/samspill

bin/samspillctl: $(DIST)/index.html $(GO_SOURCES) go.mod go.sum
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $@ ./cmd/samspillctl

test: lint check-api test-go test-frontend e2e ## every test: Go (both databases), web app, browser tests
	@echo "make test: all green"

test-go: $(DIST)/index.html ## Go tests, stores on SQLite and on MongoDB (FerretDB), with the race detector
	$(GO) test -race -count=1 -timeout 20m ./...

test-frontend: $(FRONTEND)/node_modules/.installed ## Vitest
	cd $(FRONTEND) && $(NPM) run test

e2e: build chromium ## Playwright in Debian's Chromium against the real server (axe on every page)
	cd $(FRONTEND) && CI=1 $(NPM) run e2e

lint: $(FRONTEND)/node_modules/.installed $(DIST)/index.html ## gofmt, go vet, ESLint, tsc
	@unformatted=$$(gofmt -l cmd internal); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	cd $(FRONTEND) && $(NPM) run lint && $(NPM) run typecheck

gen-api: $(FRONTEND)/node_modules/.installed ## regenerate the OpenAPI document and the web app's API types
	$(GO) run ./cmd/samspillctl openapi > $(FRONTEND)/openapi.json
	cd $(FRONTEND) && $(NPM) run gen:api

check-api: $(FRONTEND)/node_modules/.installed $(DIST)/index.html ## fail when the OpenAPI document or the API types are stale
	@tmp=$$(mktemp); $(GO) run ./cmd/samspillctl openapi > $$tmp; \
	if ! diff -q $$tmp $(FRONTEND)/openapi.json >/dev/null; then \
	  diff -u $(FRONTEND)/openapi.json $$tmp | head -40; rm -f $$tmp; \
	  echo "frontend/openapi.json is stale: run make gen-api"; exit 1; fi; rm -f $$tmp
	cd $(FRONTEND) && $(NPM) run check:api

bench: build ## load-test the real server over loopback and print p50/p99, req/s, RSS; search relevance
	@$(GO) test -count=1 -run '^TestRelevance$$' -v ./internal/search | grep 'precision@5' | sed 's/^.*relevance_test.go:[0-9]*: /search relevance (52 kept queries): /'
	$(GO) run ./cmd/samspillbench -server bin/samspill -ctl bin/samspillctl $(BENCH_FLAGS)

chromium: ## install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

clean: ## remove build output
	rm -rf bin $(DIST) $(FRONTEND)/node_modules $(FRONTEND)/test-results $(FRONTEND)/playwright-report
