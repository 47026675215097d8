"""First and last names the generator draws from (frequent French names)."""

FIRST_NAMES = (
    "Adam Aïcha Alice Amine Anaïs Arthur Bilal Camille Chloé Clément Dylan Emma Enzo Fatou Gabriel Hugo Inès "
    "Jade Jules Kenza Léa Léo Lina Louis Lucas Maël Manon Mathis Maya Mohamed Nathan Noah Océane Rayan Sacha "
    "Sarah Théo Yanis Yasmine Zoé Ambre Axel Clara Elsa Ethan Eva Ilyes Imane Kylian Lou Lyna Malo Nina Romane"
).split()
LAST_NAMES = (
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia "
    "David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet François Martinez "
    "Benali Diallo Nguyen Haddad Traoré Rousseau Blanc Guerin Muller Henry Roussel Nicolas Perrin Morin Mathieu "
    "Clement Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gerard Boyer Denis Lemaire Duval"
).split()
