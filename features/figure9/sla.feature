@figure9 @setup:figure7
Feature: Figure 9 — SLA violations
  The CSP and the car manufacturer hold SLAs (availability ≥ 99.5 % per month, ticket resolution ≤ 4 h),
  measured at the end of each month from their own operation: the outages of their service and the
  resolution times of the tickets they resolved.
  The call center listens to their violations, reports them to the driver, tells the other party and
  raises an alarm ticket at the party responsible. Each party's resolution team listens to its own party's
  SLA violations (the party's TMF623 hub, through the wire) and correlates the alarm with the violation
  by metric identifier, on the ticket.

  Background:
    Given the simulated clock reads "2026-04-01T06:00:00Z"
    And the call center follows the SLA violations of the CSP and the car manufacturer
    And the resolution teams of the CSP and the car manufacturer listen to their own party's SLA violations

  @steps:9.20,9.21,9.22,9.23,9.24,9.25,9.26,9.27
  Scenario: A 4-hour backhaul outage takes March's availability to 99.46 %, below 99.5 %: it ends in a closed alarm ticket
    Given the CSP's service has a fault "Backhaul link down" from "2026-03-10T02:00:00Z" for "240" minutes
    When the CSP's SLA measurement period "2026-03" ends
    Then the CSP's monitoring measured "connectivity.availability" at "99.46" % for "2026-03"
    And the CSP holds an SLA violation with the metric identifier "connectivity.availability:2026-03"
    And the driver received an SLA report about "connectivity.availability:2026-03"
    And the car manufacturer was told of the violation "connectivity.availability:2026-03"
    And the CSP and the car manufacturer retrieved from the call center how it handles the violation "connectivity.availability:2026-03"
    And the CSP notified its resolution team of the violation "connectivity.availability:2026-03" over TMF623
    And the CSP's resolution team correlated an alarm ticket with the violation "connectivity.availability:2026-03"
    When the CSP's resolution team resolves the alarm ticket at "2026-04-01T09:00:00Z": "Backhaul link replaced"
    Then the alarm ticket is closed at the call center and at the CSP
    And the CSP's handling of the violation "connectivity.availability:2026-03" has ended
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

  @steps:9.20
  Scenario Outline: An outage of <minutes> minutes leaves March's availability at <availability> %, which keeps the SLA
    Given the CSP's service has a fault "Backhaul link down" from "2026-03-10T02:00:00Z" for "<minutes>" minutes
    When the CSP's SLA measurement period "2026-03" ends
    Then the CSP's monitoring measured "connectivity.availability" at "<availability>" % for "2026-03"
    And the CSP holds no SLA violation
    And the driver received no SLA report
    And every exchange on the wire was valid
    And the recorded sequence matches the steps this scenario covers

    Examples:
      | minutes | availability |
      | 180     | 99.60        |
      | 223.2   | 99.50        |
