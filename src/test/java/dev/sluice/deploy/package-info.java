/**
 * Tests of the deployment artefacts (Helm chart, plain Kubernetes manifests, Dockerfiles,
 * native-image configuration, the Grafana dashboard and alerts): they render or parse the files
 * and assert what a cluster would get. Plain JUnit, except DashboardMetricsTest, which starts
 * Quarkus to check the dashboard's and the alerts' queries against a real metrics scrape.
 */
package dev.sluice.deploy;
