//go:build tools

// Package tools pins the Pulumi CLI's main package into this module's dependency graph, so
// `go mod tidy` keeps every module it needs.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
