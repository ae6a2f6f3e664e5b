#!/bin/sh
# Makes the English clips of clips.jsonl with Debian's espeak-ng 1.51 (apt-get install
# espeak-ng): synthetic speech, the same on every machine with that version, as espeak-ng
# writes it (22,050 Hz mono 16-bit WAV). There is no Chinese clip: espeak-ng cannot read Chinese
# characters (Whisper hears its Mandarin as noise) and no other offline Chinese voice or
# recording was available (docs/voice.md).
set -eu
cd "$(dirname "$0")"
say() {  # FILE VOICE SPEED TEXT
    espeak-ng -v "$2" -s "$3" -w "$1" "$4"
}
say en_dropout.wav en-us 150 "Dropout randomly drops neurons during training to reduce overfitting."
say en_overfitting.wav en-us 150 "Overfitting means the model does well on the training set but poorly on new data."
say en_batchnorm.wav en-us 140 "Batch normalization normalizes the inputs of each layer with the mean and variance of the mini batch."
say en_gradient.wav en-gb 160 "Gradient descent moves the weights against the gradient of the loss, with a small learning rate."
say en_attention.wav en-us 150 "Self attention lets every token look at every other token and weigh them by their similarity."
say en_l2.wav en-gb 170 "L2 regularization adds the squared weights to the loss, which keeps the weights small."
