@figure9 @setup:figure7 @branch:misdirected @branch:oem-invoices-csp
Feature: Figure 9 end to end
  The scripted run the dashboard drives: a misdirected connectivity trouble resolved by the car
  manufacturer, one resolved by the CSP, the month's settlement accepted and paid, the ticket invoice
  to the CSP, then an availability breach that ends in a closed alarm ticket.

  Scenario: Figure 9 driven from start to end
    When figure 9 is driven from start to end
    Then every exchange on the wire was valid
    And the recorded sequence matches figure 9
    And the recorded sequence matches the steps this scenario covers
