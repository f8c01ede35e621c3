"""Pages of the company register: companies, contact persons, clusters, contacts, coordination."""
