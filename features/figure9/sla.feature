@figure9 @setup:figure7
Feature: Figure 9 — SLA violations
  The CSP and the car manufacturer hold SLAs (availability ≥ 99.5 % per month, ticket resolution ≤ 4 h).
  The call center listens to their violations, reports them to the driver, tells the other party and
  raises an alarm ticket at the team responsible, which correlates it by metric identifier.

  Background:
    Given the simulated clock reads "2026-04-01T06:00:00Z"
    And the call center follows the SLA violations of the CSP and the car manufacturer

  @steps:9.20,9.21,9.22,9.23,9.24,9.25,9.26,9.27
  Scenario: A connectivity availability below 99.5 % ends in a closed alarm ticket
    When the CSP's monitoring reports "connectivity.availability" at "99.2" for "2026-03"
    Then the CSP holds an SLA violation with the metric identifier "connectivity.availability:2026-03"
    And the driver received an SLA report about "connectivity.availability:2026-03"
    And the car manufacturer was told of the violation "connectivity.availability:2026-03"
    And the CSP's resolution team correlated an alarm ticket with the violation "connectivity.availability:2026-03"
    When the CSP's resolution team resolves the alarm ticket at "2026-04-01T09:00:00Z": "Backhaul link replaced"
    Then the alarm ticket is closed at the call center and at the CSP
    And the CSP's handling of the violation "connectivity.availability:2026-03" has ended
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:9.20
  Scenario: An availability that keeps the SLA is no violation
    When the CSP's monitoring reports "connectivity.availability" at "99.5" for "2026-03"
    Then the CSP holds no SLA violation
    And the driver received no SLA report
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers
