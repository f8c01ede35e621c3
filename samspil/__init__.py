"""samspil: one entrance for regional competence supply."""
