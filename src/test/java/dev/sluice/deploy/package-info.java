/**
 * Tests of the deployment artefacts (Helm chart, plain Kubernetes manifests, Dockerfiles,
 * native-image configuration): they render or parse the files and assert what a cluster would
 * get. Plain JUnit; nothing here starts Quarkus or depends on main code.
 */
package dev.sluice.deploy;
