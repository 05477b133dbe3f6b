// placeholder until the passes are written
