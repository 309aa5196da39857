@figure10
Feature: Figure 10 — creating a converged infotainment offer
  The CSP publishes a partner-eligible offer to the central catalog the car manufacturer runs; the
  content provider bundles it with its own offer and registers the bundle; the CSP and the car
  manufacturer verify it, and once both approve it is distributed to the three product catalogs.

  Scenario: A converged offer is published, verified by both and distributed to the three catalogs
    Given the simulated clock reads "2026-01-01T08:00:00Z"
    When the CSP catalog manager creates the offer "5 GB infotainment data" for "7.50" EUR a month
    And the CSP marks it eligible for partners
    And the CSP publishes it to the central catalog
    Then the central catalog lists the CSP's offer as partner-eligible and launched
    When the content provider creates its offer "Music access" for "4.99" EUR a month
    And the content provider bundles it with the CSP's offer as "5 GB music download" for "14.99" EUR a month
    Then the converged offer is approved by the CSP and the car manufacturer
    And the converged offer can be ordered from the catalogs of the CSP, the content provider and the car manufacturer
    And every exchange on the wire was valid
    And the recorded sequence matches figure 10

  @steps:10.1
  Scenario: An offer that is not eligible for partners cannot be published
    When the CSP catalog manager creates the offer "5 GB infotainment data" for "7.50" EUR a month
    And the CSP tries to publish it to the central catalog
    Then the answer is a TMF error with status 400
    And the refusal says "is not partner-eligible"
    And the central catalog has no offer

  @steps:10.1,10.2,10.3,10.4,10.5,10.6,10.7,10.8
  Scenario: A converged offer bundling a CSP offer that is not partner-eligible is rejected with every reason
    Given the CSP has published a partner offer to the central catalog
    When the content provider creates its offer "Music access" for "4.99" EUR a month
    And the content provider bundles it with the CSP's offer "po-infotainment-20gb" as "20 GB music download" for "29.99" EUR a month
    Then the converged offer is rejected by the CSP because "po-infotainment-20gb is not partner-eligible"
    And the converged offer is rejected by the CSP because "the share for po-infotainment-20gb (0.00 EUR) is below its price (24.99 EUR)"
    And the converged offer is rejected by the car manufacturer because "po-infotainment-20gb is not in the central catalog"
    And the converged offer is in no product catalog
    And every exchange on the wire was valid
    And the recorded sequence matches figure 10

  @steps:none
  Scenario: A partner that may write the CSP's catalog still cannot change the CSP's own offerings
    When the car manufacturer tries to retire the CSP's offering "po-infotainment-5gb"
    Then the answer is a TMF error with status 403
    And the CSP's offering "po-infotainment-5gb" is still "Launched"
